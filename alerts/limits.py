"""Rate limits on subscription requests, per address and per client, in the shared cache.

Counting in the cache (Redis in production) keeps the limits the same across app instances and
stores no address: the key is a hash.
"""

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60
# Three confirmation mails an hour to one address, twenty requests an hour from one client.
PER_ADDRESS = 3
PER_CLIENT = 20


def within_limit(kind, identity, limit, window=WINDOW_SECONDS):
    """Count one more request of ``identity``; False once it is past ``limit`` in the window."""
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()
    key = f"alerts-limit:{kind}:{digest}"
    try:
        cache.add(key, 0, window)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    except Exception:
        # An unreachable cache must not stop sign-ups; the double opt-in still guards them.
        logger.exception("Cache nicht erreichbar")
        return True
    return count <= limit


def address_within_limit(email):
    return within_limit("address", email, PER_ADDRESS)


def client_within_limit(request):
    return within_limit("client", request.META.get("REMOTE_ADDR", ""), PER_CLIENT)
