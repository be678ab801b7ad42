"""gunicorn settings for motcua-web.service (2 cores: 5 gthread workers, each with 2 threads).

Faults (ADR 0054): a worker killed (kill -9, out of memory) is replaced by the master at once; its
requests in flight are cut, their transactions rolled back by PostgreSQL, and a client's retry with the
same Idempotency-Key is exact. A worker stuck longer than `timeout` is killed the same way. `systemctl
reload motcua-web` (HUP) starts new workers with the new code and lets the old ones finish their requests
within `graceful_timeout`; `systemctl stop` (TERM to the master, KillMode=mixed) does the same, then exits.
Any setting can be overridden without editing this file: GUNICORN_CMD_ARGS="--workers 3".
"""

import multiprocessing

bind = "127.0.0.1:8000"  # behind nginx (TLS, static files cached)
workers = multiprocessing.cpu_count() * 2 + 1
threads = 2
worker_class = "gthread"
timeout = 60  # a request may take this long (20 MB uploads on a slow counter link); then its worker is killed
graceful_timeout = 30  # reload / stop: requests in flight get this long to finish (TimeoutStopSec is 45)
keepalive = 5  # nginx keeps its upstream connections open
max_requests = 2000  # recycle workers now and then (bounded memory)
max_requests_jitter = 200
worker_tmp_dir = "/dev/shm"  # the workers' heartbeat files in memory: a slow disk never looks like a hang
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
