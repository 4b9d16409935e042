"""``/kontakt/``: ask the coordination office, or tell it about a wrong entry."""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from contact.forms import ContactForm
from contact.models import ContactMessage
from contact.notifications import deliver
from contact.tasks import deliver_later
from portal import limits
from portal.retries import retry_later

# Messages an hour from one client, whatever addresses it gives (each sends two mails).
PER_CLIENT = 10


@never_cache
def contact(request):
    """The form, prefilled from the link that led here; stored, then both mails are sent."""
    form = ContactForm(request.POST or None, initial=ContactForm.initial_from(request.GET))
    if request.method == "POST" and form.is_valid():
        if not limits.client_within(request, "contact", PER_CLIENT):
            return render(request, "rate_limited.html", status=429)
        # A bot that filled in the trap field sees the same page as a person: nothing to learn;
        # a message sent again because the answer got lost is stored and mailed once.
        if form.is_spam or ContactMessage.objects.repeated(form.instance).exists():
            return redirect("contact:thanks")
        if not form.mailbox_within_limit():
            return render(request, "contact/form.html", {"form": form})
        message = form.save(commit=False)
        message.language = get_language()
        message.save()
        if not deliver(message):
            retry_later(deliver_later, message.pk, 1)
        return redirect("contact:thanks")
    return render(request, "contact/form.html", {"form": form})


def thanks(request):
    """Where the form leads after sending; no form here, so no cookie either."""
    return render(request, "contact/thanks.html")
