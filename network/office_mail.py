"""The coordination office hears of new change proposals by e-mail.

Each new proposal sends one e-mail to ``OFFICE_NOTIFICATION_EMAIL``, up to
``OFFICE_NOTIFICATION_DAILY_LIMIT`` a day. On a day with more, the rest send nothing and
``manage.py send_office_summary`` (run daily, shortly after midnight) lists the day's proposals
in one e-mail instead. A second change to a pending proposal updates it and sends nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import ChangeProposal
from portal import mail
from portal.site import absolute_url


def day_bounds(day):
    """The first moment of ``day`` and of the day after, in the site's time zone."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def proposals_of(day):
    """The proposals made on ``day``, oldest first, with what the e-mails show."""
    start, end = day_bounds(day)
    return (
        ChangeProposal.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("partner", "author", "content_type")
        .order_by("created_at", "pk")
    )


def is_busy(day):
    """Whether more proposals came on ``day`` than the office wants single e-mails for."""
    return proposals_of(day).count() > settings.OFFICE_NOTIFICATION_DAILY_LIMIT


def review_url(proposal):
    return absolute_url(reverse("admin:network_changeproposal_change", args=[proposal.pk]))


def notify_office(proposal):
    """E-mail the office about a new proposal, unless today is busy (the summary has it then)."""
    day = timezone.localdate(proposal.created_at)
    if not settings.OFFICE_NOTIFICATION_EMAIL or is_busy(day):
        return False
    context = {"proposal": proposal, "review_url": review_url(proposal)}
    # A failing mail server never costs the editor's proposal: portal.mail logs and returns.
    return mail.send(
        _("Neuer Änderungsvorschlag: „%(label)s“ (%(partner)s)")
        % {"label": proposal.target_label, "partner": proposal.partner.name},
        render_to_string("admin/emails/new_proposal.txt", context),
        [settings.OFFICE_NOTIFICATION_EMAIL],
    )


def send_summary(day):
    """The day's proposals in one e-mail, if the day was busy; returns how many it lists."""
    if not settings.OFFICE_NOTIFICATION_EMAIL or not is_busy(day):
        return 0
    rows = [
        {"proposal": proposal, "review_url": review_url(proposal)} for proposal in proposals_of(day)
    ]
    context = {
        "day": day,
        "rows": rows,
        "limit": settings.OFFICE_NOTIFICATION_DAILY_LIMIT,
        "queue_url": absolute_url(reverse("admin:network_changeproposal_changelist")),
    }
    sent = mail.send(
        _("%(count)d Änderungsvorschläge vom %(date)s")
        % {"count": len(rows), "date": day.strftime("%d.%m.%Y")},
        render_to_string("admin/emails/proposal_summary.txt", context),
        [settings.OFFICE_NOTIFICATION_EMAIL],
    )
    return len(rows) if sent else 0


def proposal_saved(sender, instance, created, raw=False, **kwargs):
    """``post_save`` receiver: a new proposal tells the office once the transaction holds."""
    if created and not raw:
        transaction.on_commit(lambda: notify_office(instance))
