"""The alert mails, each in the subscriber's language and with a one-click unsubscribe.

Every mail carries ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 8058): a mail
program's "unsubscribe" button POSTs to the link and the subscription is gone. Sent with
Django's standard ``EmailMessage``, so whichever mailer ``MAILERS`` configures delivers them.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from funding.states import describe_state, parse_state
from portal.site import absolute_url


def alert_message(subscription, subject, template_name, context=None, free_text=True):
    """An e-mail to the subscriber, rendered in the subscription's language.

    ``free_text=False`` leaves the search word out of the description (see ``describe_state``).
    """
    with translation.override(subscription.language):
        context = {
            "subscription": subscription,
            "search": describe_state(parse_state(subscription.query_dict()), free_text),
            "finder_url": absolute_url(subscription.finder_url()),
            "manage_url": absolute_url(subscription.manage_url()),
            "unsubscribe_url": absolute_url(subscription.unsubscribe_url()),
            **(context or {}),
        }
        if callable(subject):
            subject = subject(context)  # in the subscriber's language
        body = render_to_string(template_name, context)
    return envelope(subscription, subject, body)


def envelope(subscription, subject, body):
    """The message with its headers; a stored digest is sent again through this."""
    with translation.override(subscription.language):
        unsubscribe_url = absolute_url(subscription.unsubscribe_url())
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def confirmation_message(subscription):
    """Asks to confirm a new request, or, when already confirmed, says where to manage it."""
    if subscription.is_confirmed:
        return alert_message(
            subscription,
            lambda context: _("Ihre Benachrichtigung besteht bereits"),
            "alerts/emails/already_subscribed.txt",
        )
    return alert_message(
        subscription,
        lambda context: _("Bitte bestätigen Sie Ihre Benachrichtigung"),
        "alerts/emails/confirm.txt",
        {"confirm_url": absolute_url(subscription.confirm_url())},
        # Nobody has confirmed this address: the mail repeats no text the requester typed.
        free_text=False,
    )


def digest_message(subscription, content):
    """The subject and text of a digest, stored on the digest before it is sent."""
    message = alert_message(
        subscription,
        lambda context: _("Neues zu Ihrer Suche „%(search)s“") % {"search": context["search"]},
        "alerts/emails/digest.txt",
        {"content": content, "site_url": absolute_url()},
    )
    return message.subject, message.body
