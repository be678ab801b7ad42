"""MOTCUA_LOG_FORMAT=json: one JSON object a line, personal numbers still masked."""

import json
import os
import subprocess
import sys


def test_json_logs_by_setting(tmp_path):
    code = (
        "import logging, django; django.setup();"
        "logging.getLogger('motcua.test').warning('Gọi số 0912345678 cho hồ sơ')"
    )
    env = {"MOTCUA_LOG_FORMAT": "json", "MOTCUA_INSECURE_DEV_KEY": "1", "MOTCUA_HOME": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    env["PYTHONPATH"] = os.environ.get("PYTHONPATH", "")
    env["PATH"] = os.environ.get("PATH", "")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING" and line["logger"] == "motcua.test"
    assert line["message"] == "Gọi số 091****678 cho hồ sơ"
