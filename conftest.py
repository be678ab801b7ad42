import os
import tempfile

# Tests never need a real secret; keep their SQLite and media away from the developer's ./var.
os.environ.setdefault("MOTCUA_INSECURE_DEV_KEY", "1")
os.environ.setdefault("MOTCUA_HOME", tempfile.mkdtemp(prefix="motcua-test-"))
