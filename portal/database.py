"""A PostgreSQL server that accepts but never answers holds no thread longer than a deadline.

Neither ``statement_timeout`` (the server never reads the statement) nor ``tcp_user_timeout``
and keepalives (the kernel in front of a frozen server still acknowledges) end a wait for a
server that hangs. So every wait of a connection for the server – a query, a commit, Django's
health check of a kept connection – gives up on the client side after ``DB_WAIT_TIMEOUT``
seconds (:class:`DeadlineConnection`); connecting is bounded by ``connect_timeout``.

At most ``DB_WAITING_THREADS`` threads of a process wait for the server at once (one fewer
than gunicorn has): a thread that finds them all waiting gives up after ``QUEUE_DEADLINE``
with the 503 page, so one thread is always free for cached pages and the health check.

One such failure pauses the database for this process (:func:`pause`) for ``OUTAGE_PAUSE``
seconds: meanwhile every request that would need it gets the 503 page at once
(``portal.middleware.DatabaseUnavailableMiddleware``) instead of waiting for the deadline,
so the threads stay free for cached pages and the health check. A passing health check or the
end of the pause lets the next request try again.
"""

import logging
import threading
import time

import psycopg
from django.conf import settings
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

OUTAGE_PAUSE = 5.0
QUEUE_DEADLINE = 1.0
# A failed connection that took this long is a hanging server, not a refusing one.
SLOW_FAILURE = 1.0
_paused_until = 0.0
_lock = threading.Lock()
_waiting = None


def waiting_threads():
    global _waiting
    if _waiting is None:
        _waiting = threading.BoundedSemaphore(max(1, settings.DB_WAITING_THREADS))
    return _waiting


class DatabaseHangs(psycopg.OperationalError):
    """The server did not answer within ``DB_WAIT_TIMEOUT``; the connection is closed."""


class DeadlineConnection(psycopg.Connection):
    """psycopg's connection whose every wait for the server ends after ``DB_WAIT_TIMEOUT``."""

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is None:
            timeout = settings.DB_WAIT_TIMEOUT or None
        if not waiting_threads().acquire(timeout=QUEUE_DEADLINE):
            raise DatabaseHangs("Alle anderen Threads warten auf die Datenbank")
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except psycopg.errors._WaitTimeout as error:
            # The connection is mid-conversation with a server that went silent: unusable.
            self.pgconn.finish()
            pause()
            raise DatabaseHangs(
                f"Die Datenbank hat nicht binnen {timeout:g} s geantwortet"
            ) from error
        finally:
            waiting_threads().release()


def bound_waits(sender, connection, **kwargs):
    """Give each new PostgreSQL connection the deadline (``connection_created``)."""
    if connection.vendor != "postgresql" or not settings.DB_WAIT_TIMEOUT:
        return
    if type(connection.connection) is psycopg.Connection:
        # The connection is made by Django's backend; only its waiting changes.
        connection.connection.__class__ = DeadlineConnection
    if "get_new_connection" not in vars(connection):
        # Django reconnects when its health check finds a kept connection hanging: while the
        # database is paused that would only wait for connect_timeout, so it fails at once.
        connect_anew = connection.get_new_connection

        def get_new_connection(conn_params):
            if paused():
                raise DatabaseHangs("Die Datenbank hat eben nicht geantwortet")
            return connect_anew(conn_params)

        connection.get_new_connection = get_new_connection


def connect():
    connection_created.connect(bound_waits, dispatch_uid="portal.database.bound_waits")


def pause():
    """Leave the database alone in this process for ``OUTAGE_PAUSE`` seconds."""
    global _paused_until
    with _lock:
        _paused_until = time.monotonic() + OUTAGE_PAUSE
    logger.warning("Datenbank antwortet nicht: %.0f s Pause in diesem Prozess", OUTAGE_PAUSE)


def resume():
    global _paused_until
    _paused_until = 0.0


def paused():
    return time.monotonic() < _paused_until


def failed_to_connect(connection):
    """Whether the last error left ``connection`` without a working link to the server."""
    raw = connection.connection
    return raw is None or bool(getattr(raw, "closed", False))
