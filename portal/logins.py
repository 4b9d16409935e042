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
from urllib.parse import urlsplit

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.db.models import Max, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.tasks import task
from django.template import loader
from django.utils import timezone, translation

from portal import limits, mail
from portal.models import AccountEmailChange

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


# „Passwort vergessen“: a few mails an hour per client and per mailbox.
RESET_PER_CLIENT = 10
RESET_PER_MAILBOX = 3


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, with a rate limit, and the mail sent by the task worker.

    Every valid request is answered alike, after queueing one task, whether the address has an
    account or not and whether a limit was reached: the response time tells nothing (with the
    database task backend of production; development sends at once).
    """

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        client_ok = limits.client_within(self.request, "password-reset", RESET_PER_CLIENT)
        if client_ok and limits.mailbox_within(email, "password-reset", RESET_PER_MAILBOX):
            send_password_reset.enqueue(email, translation.get_language())
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the link through ``portal.mail``, also to addresses the account had until lately."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        mail.send(subject, body, [context["email"], *earlier_addresses(context["user"])])


def earlier_addresses(user):
    """Addresses ``user`` had in the last weeks: a changed address must not hide a reset."""
    since = timezone.now() - datetime.timedelta(days=AccountEmailChange.EARLIER_ADDRESS_DAYS)
    changes = user.email_changes.filter(changed_at__gte=since).exclude(old_email="")
    return sorted({change.old_email for change in changes} - {user.email})


@task
def send_password_reset(email, language):
    """Mail the reset link to the accounts of ``email`` (none: nothing happens)."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return "ungültig"
    site = urlsplit(settings.SITE_URL)
    with translation.override(language):
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            subject_template_name=PasswordResetView.subject_template_name,
            email_template_name=PasswordResetView.email_template_name,
        )
    return "erledigt"
