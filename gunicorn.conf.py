"""gunicorn for production and ``make bench``; every value can be overridden from the environment.

Why threaded workers (``gthread``): a request spends much of its time waiting for PostgreSQL and
Redis, and threads let a worker serve another request meanwhile; they also keep client
connections alive, which a reverse proxy with upstream keep-alive uses. Why this many: on the
2-core machine, 2 processes (one per core, each with its own GIL) × 4 threads measured best
in ``make bench`` — more processes only add memory and context switches next to PostgreSQL,
Redis and the load generator on the same cores (see README, „Betrieb“).
"""

import os

# nginx is the only way in (deploy/nginx.conf): it buffers slow clients and sets X-Forwarded-*.
# A public address would let a client bypass both, so only loopback or a Unix socket is taken.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
if not bind.startswith(("127.", "[::1]:", "localhost:", "unix:")):
    raise RuntimeError(
        f"GUNICORN_BIND={bind}: nur Loopback (127.0.0.1:PORT, [::1]:PORT) oder unix:PFAD; "
        "öffentlich erreichbar ist allein nginx davor (README, „Betrieb“)."
    )
# A request gets 4 s per SQL statement and waits at most 5 s for any answer of PostgreSQL
# (portal/database.py: a database that hangs holds no thread); commands such as migrate and
# the imports, started without gunicorn, keep the longer limits of the settings.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "4000")
os.environ.setdefault("DB_WAIT_TIMEOUT", "5")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Each worker listens on its own socket and the kernel spreads new connections over them.
# With one shared socket a threaded worker accepts whatever it can, so one process could hold
# all kept-alive connections (of wrk or of the proxy) while the other idled: in `make bench` the
# static file then dropped from ~4,000 to ~1,000 req/s at random.
reuse_port = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Restart a worker now and then, so a slow leak can never grow past the memory bar.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000000"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a possibly slow disk.
SHARED_MEMORY = "/dev/shm"  # noqa: S108 - gunicorn's own heartbeat files
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
