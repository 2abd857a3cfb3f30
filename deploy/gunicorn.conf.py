"""gunicorn settings for Werkplek (`gunicorn -c deploy/gunicorn.conf.py werkplek.wsgi`).

Every value can be changed through the environment, so one file serves every server size.
Behind nginx on the same machine gunicorn listens on a local socket or 127.0.0.1:8000.
"""

import multiprocessing
import os

bind = os.getenv("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: Werkplek's requests are short and database-bound. Two per core plus one.
workers = int(os.getenv("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.getenv("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.getenv("GUNICORN_TIMEOUT", "60"))  # PDF dossiers and imports take seconds
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.getenv("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# A request line up to 8190 bytes (gunicorn's most; nginx's default buffers take 8 KiB) reaches
# Werkplek, which answers an address over MAX_URL_LENGTH (4096) with its own structured 414.
limit_request_line = 8190
# nginx sets X-Forwarded-Proto; only trust it from the local proxy.
forwarded_allow_ips = os.getenv("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.getenv("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.getenv("LOG_LEVEL", "info").lower()
# gunicorn 27 opens a control socket in the home directory, shared by every instance.
control_socket_disable = True
