"""The health check's probes of the database and the shared cache, each bounded in time.

``/healthz`` must answer within 2 s whatever hangs, so a load balancer takes an instance out
before its visitors notice. The cache client gives up on its own after ``CACHE_TIMEOUT_MS``;
a PostgreSQL connection cannot be given a client-side deadline, so the database is probed in a
thread of its own that the request waits for at most ``DATABASE_DEADLINE`` seconds.
"""

import logging
import threading

from django.core.cache import cache
from django.db import DatabaseError, connection

from portal import database as portal_database

logger = logging.getLogger(__name__)

DATABASE_DEADLINE = 1.5
PROBE_KEY = "healthz-probe"


def database_probe():
    """Connect anew and run ``SELECT 1``; the connection is closed again either way.

    A new connection, not one kept from earlier requests: it also answers whether this
    instance could serve new work (PostgreSQL may be out of connections while old ones live).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


class ThreadedProbe:
    """A check run in its own thread; at most one runs at a time, however many ask.

    A request that finds a check still running waits for that one (up to its deadline) instead
    of starting another, so a hanging server cannot pile up threads.
    """

    def __init__(self, check):
        self.check = check
        self._lock = threading.Lock()
        self._running = None

    def start(self):
        """Start a check unless one is running; returns the run to :meth:`wait` for."""
        with self._lock:
            if self._running is None:
                self._running = ProbeRun()
                threading.Thread(target=self._run, args=(self._running,), daemon=True).start()
            return self._running

    @staticmethod
    def wait(run, timeout):
        """Whether the run passed; False when it did not finish within ``timeout``."""
        return run.done.wait(timeout) and run.passed

    def _run(self, run):
        try:
            self.check()
            run.passed = True
        except DatabaseError:
            logger.warning("Health check: Datenbank nicht erreichbar", exc_info=True)
        finally:
            with self._lock:
                self._running = None
            run.done.set()


class ProbeRun:
    """One run of a probe: set ``done`` when finished, ``passed`` when it succeeded."""

    def __init__(self):
        self.done = threading.Event()
        self.passed = False


database = ThreadedProbe(database_probe)


def cache_reachable():
    """Whether the shared cache answers one read (within the client's own timeout)."""
    try:
        cache.get(PROBE_KEY)
    except Exception:
        logger.warning("Health check: Cache nicht erreichbar", exc_info=True)
        return False
    return True


def report():
    """{"database": bool, "cache": bool}: both probed at the same time, within 2 s in all."""
    database_done = database.start()
    cache_ok = cache_reachable()
    database_ok = database.wait(database_done, DATABASE_DEADLINE)
    if database_ok:
        portal_database.resume()  # back: the next request need not wait out the pause
    return {"database": database_ok, "cache": cache_ok}
