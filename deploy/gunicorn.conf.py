"""gunicorn settings for motcua-web.service (2 cores: 5 sync workers, each with 2 threads)."""

import multiprocessing

bind = "127.0.0.1:8000"  # behind nginx (TLS, static files cached)
workers = multiprocessing.cpu_count() * 2 + 1
threads = 2
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (bounded memory)
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
