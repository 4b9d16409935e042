"""Real processes for failure tests: a fresh PostgreSQL database, a gunicorn server, a TCP proxy.

The proxy stands between the app and PostgreSQL so a test can take the database away (every
connection dropped, the port closed) and bring it back, without touching the real server.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings


def postgres_server_url():
    """The PostgreSQL server the suite may create databases on (also during SQLite runs)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return url


def with_database(url, name, netloc=None):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}", netloc=netloc or parts.netloc))


@contextlib.contextmanager
def fresh_postgres_database():
    """An empty database on the PostgreSQL server, dropped afterwards; yields its URL."""
    server = postgres_server_url()
    # The maintenance database: the one DATABASE_URL names may not exist (pytest-django only
    # creates ``test_<name>``).
    maintenance = with_database(server, "postgres")
    name = f"afs_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server, name)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database_url, timeout=300):
    """Run ``manage.py`` in a new process against ``database_url``."""
    environment = os.environ | {"DATABASE_URL": database_url}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """The app in gunicorn, as in production, on a free local port."""

    def __init__(self, database_url, *, threads=1, **env):
        """``threads`` for gunicorn's threaded worker; ``env`` adds environment variables."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = os.environ | {
            "DATABASE_URL": database_url,
            "DB_CONN_MAX_AGE": "60",
            "ALLOWED_HOSTS": "127.0.0.1",
            **env,
        }
        for name in ("DJANGO_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
            environment.pop(name, None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                str(threads),
                "--timeout",
                "60",
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_until_listening()

    def _wait_until_listening(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn hat sich beendet"
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            time.sleep(0.1)
        raise AssertionError("gunicorn lauscht nicht")

    def get(self, path, timeout=30):
        """(status, headers, body) of a GET, error statuses included."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def timed_get(self, path, timeout=30):
        """(seconds, status, body) of a GET."""
        start = time.monotonic()
        status, _headers, body = self.get(path, timeout)
        return time.monotonic() - start, status, body

    def stop(self):
        # A quick shutdown (SIGINT), not a graceful one: a thread may hang on a blackholed
        # server on purpose, and a graceful stop would wait for it.
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class SwitchableProxy:
    """A TCP proxy to ``target`` that can refuse, blackhole and restore.

    ``switch_off`` closes the port and drops every connection (a server that is down);
    ``blackhole`` keeps accepting connections but forwards nothing in either direction (a
    server that hangs); ``switch_on`` listens and forwards again, including what was held back.
    """

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self._listener = None
        self._sockets = []
        self._lock = threading.Lock()
        self._forwarding = threading.Event()

    def switch_on(self):
        self._forwarding.set()
        self._listen()

    def blackhole(self):
        self._forwarding.clear()
        self._listen()

    def _listen(self):
        if self._listener is not None:
            return
        listener = socket.create_server(("127.0.0.1", self.port))
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def switch_off(self):
        listener, self._listener = self._listener, None
        if listener is None:
            return
        listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets = []

    def _accept(self, listener):
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self._lock:
                self._sockets.append(client)
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client):
        # A blackholed server accepts the connection and then says nothing.
        self._forwarding.wait()
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        with self._lock:
            self._sockets.append(upstream)
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                self._forwarding.wait()
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
