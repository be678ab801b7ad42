"""The message providers shipped with motcua (each registers itself on import, from apps.py)."""
