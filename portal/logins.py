"""Who is trying to log in, from where: the client's address behind nginx, and a per-account brake.

django-axes locks a user name *for one address* after ``AXES_FAILURE_LIMIT`` wrong passwords,
so an attacker elsewhere cannot lock the owner out. For that it needs the client's real
address: behind nginx every request comes from the proxy, so ``client_address`` reads the
address nginx puts into ``X-Forwarded-For`` – but only when the request really comes from a
proxy in ``TRUSTED_PROXIES``; from anywhere else the header is the client's own invention.

An attacker who rotates addresses is slowed by ``LoginThrottleBackend``: once a user name has
``LOGIN_THROTTLE_AFTER`` failures from all addresses together (those axes still remembers, i.e.
within ``AXES_COOLOFF_TIME``), each further attempt must wait twice as long as the one before,
up to ``LOGIN_THROTTLE_MAX_DELAY`` seconds. An attempt made too early is refused without
checking the password and without counting; the owner waits at most that long, never an hour.
"""

import datetime
import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

# The value in TRUSTED_PROXIES that trusts a Unix socket (gunicorn reports no IP address then).
UNIX_SOCKET = "unix"


def _trusted(remote_addr):
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return UNIX_SOCKET in settings.TRUSTED_PROXIES
    return any(
        address in ipaddress.ip_network(proxy, strict=False)
        for proxy in settings.TRUSTED_PROXIES
        if proxy != UNIX_SOCKET
    )


def client_address(request):
    """The address the request came from, seen through a trusted proxy (axes' client IP)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # nginx appends the address that connected to it; whatever stands before it the client
    # sent itself, so only the last entry counts.
    last = forwarded.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return remote


def throttle_delay(username, now=None):
    """Seconds the next login attempt for ``username`` must still wait (0: go ahead)."""
    if not username:
        return 0
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gt=now - get_cool_off()
    ).aggregate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
    excess = (recent["failures"] or 0) - settings.LOGIN_THROTTLE_AFTER
    if excess < 0:
        return 0
    delay = min(2 ** (excess + 1), settings.LOGIN_THROTTLE_MAX_DELAY)
    ready = recent["latest"] + datetime.timedelta(seconds=delay)
    return max(0, int((ready - now).total_seconds() + 0.999))


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check plus the per-user-name brake; first of the backends."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        super().authenticate(request, username=username, password=password, **kwargs)
        if request is None or not settings.AXES_ENABLED:
            return
        delay = throttle_delay(username)
        if delay:
            request.login_throttle_delay = delay
            # axes then neither records this attempt nor lets another backend check the
            # password, and AxesMiddleware answers with ``lockout_response``.
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Login throttled for this user name")
        return


def lockout_response(request, original_response=None, credentials=None):
    """axes' lockout page, or the shorter „please wait“ page when only the brake applies."""
    delay = getattr(request, "login_throttle_delay", 0)
    if not delay:
        return render(
            request, settings.AXES_LOCKOUT_TEMPLATE, status=settings.AXES_HTTP_RESPONSE_CODE
        )
    response = render(request, "registration/login_throttled.html", {"delay": delay}, status=429)
    response["Retry-After"] = str(delay)
    return response
