"""Online submission from the portal: a server-side draft (what was typed, what was uploaded), then one
idempotent call of motcua.dossiers.services.submit_online."""
