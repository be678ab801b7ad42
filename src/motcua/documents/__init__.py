"""Documents: the files of dossiers (uploads, counter scans, issued results) on Django storage, checked
by their bytes, sized, checksummed, and reusable across dossiers of the same person."""
