"""The one rate limit of every form and auth view: so many requests per client or mailbox an hour.

Counts live in the shared cache (Redis in production), so every app instance sees the same
numbers, under a hashed key (no address is stored). When the shared cache fails, each process
counts on its own (:class:`LocalCounts`): an attacker then gets the limit once per process,
never an open door.

Who counts:

- ``client``: the real client address behind nginx (:func:`portal.logins.client_address`),
  never ``REMOTE_ADDR``, which behind the proxy is the same for every visitor;
- ``mailbox``: an e-mail address folded to the mailbox it reaches (:func:`mailbox`), so
  ``Anna.Meier+1@Example.org`` and ``annameier@example.org`` share one count.

Django-ratelimit was considered: it fails either open or closed when the cache is down and has
no per-process fallback, and its keys are request attributes, not a mailbox computed from a
form; these forty lines do what the portal needs.
"""

import hashlib
import threading
import time

from portal import cache, logins

HOUR = 60 * 60


class LocalCounts:
    """Fixed-window counters in this process, for while the shared cache is unreachable."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}

    def incr(self, key, window, now=None):
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._counts) > 10_000:  # an attack with many keys must not grow memory
                self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
            expires, count = self._counts.get(key, (0.0, 0))
            if expires <= now:
                expires, count = now + window, 0
            self._counts[key] = (expires, count + 1)
            return count + 1

    def clear(self):
        with self._lock:
            self._counts.clear()


local_counts = LocalCounts()


def count(kind, identity, window=HOUR):
    """Count one more request of ``identity`` under ``kind``; the number in this window."""
    digest = hashlib.sha256(f"{kind}\0{identity}".encode()).hexdigest()
    key = f"limit:{digest}"
    try:
        cache.shared("add", key, 0, window)
        try:
            return cache.cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.shared("set", key, 1, window)
            return 1
    except Exception:  # CacheUnavailable, or the shared cache failing at the incr
        return local_counts.incr(key, window)


def within(kind, identity, limit, window=HOUR):
    """Count one more request; False once ``identity`` is past ``limit`` in the window."""
    return count(kind, identity, window) <= limit


def client_within(request, kind, limit, window=HOUR):
    """The same for the client that sent ``request`` (its address as nginx saw it)."""
    return within(f"{kind}:client", logins.client_address(request), limit, window)


def mailbox_within(email, kind, limit, window=HOUR):
    """The same for the mailbox ``email`` reaches, in whatever spelling."""
    return within(f"{kind}:mailbox", mailbox(email), limit, window)


def mailbox(email):
    """The mailbox an address reaches: case, dots and ``+tags`` of the local part folded.

    Deliberately coarse: ``anna.meier`` and ``annameier`` may be two people at some providers,
    but for counting mails a shared count errs on the safe side.
    """
    local, _at, domain = str(email).strip().rpartition("@")
    local = local.strip('"').lower().split("+", 1)[0].replace(".", "")
    return f"{local}@{domain.strip().rstrip('.').lower()}"
