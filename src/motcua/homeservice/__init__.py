"""Home service (phục vụ tại nhà): a vulnerable person, or a relative, asks for an officer to come and
receive a dossier where the person is; a supervisor of the province assigns an officer and a slot; the
officer receives the dossier on the spot with the same reception service as at the counter."""
