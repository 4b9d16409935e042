"""``/benachrichtigungen/…``: subscribe, confirm, manage and unsubscribe, without an account.

Only the subscribe and manage forms set a cookie (CSRF). Links from mails carry a signed token;
the one-click unsubscribe accepts the mail program's POST without a CSRF token (RFC 8058): the
token in the address is the proof.
"""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from alerts.forms import AlertFilterForm, SubscribeForm
from alerts.models import InvalidToken, Subscription
from alerts.signup import request_alert
from funding.states import describe_state, parse_state
from portal import limits

# Twenty requests an hour from one client (a household, a hospital behind one address).
PER_CLIENT = 20


@never_cache  # it sets the CSRF cookie: no shared cache may keep it
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The form, filled in with the finder state the visitor came from."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            if not limits.client_within(request, "alerts", PER_CLIENT):
                return render(request, "rate_limited.html", status=429)
            request_alert(
                form.cleaned_data["email"],
                form.query(),
                form.cleaned_data["frequency"],
                get_language(),
            )
            return redirect("alerts:requested")
    else:
        form = SubscribeForm(initial=SubscribeForm.initial_from_query(request.GET))
    search = describe_state(parse_state(request.POST if request.method == "POST" else request.GET))
    return render(request, "alerts/subscribe.html", {"form": form, "search": search})


def requested(request):
    """The same answer for every address: new, pending, subscribed or rate-limited."""
    return render(request, "alerts/requested.html")


@never_cache
def confirm(request, token):
    try:
        subscription = Subscription.objects.from_confirm_token(token)
    except InvalidToken:
        return invalid_link(request)
    subscription.confirm()
    return render(request, "alerts/confirmed.html", {"subscription": subscription})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    """Change the filters or the frequency; deleting is one button below."""
    try:
        subscription = Subscription.objects.from_manage_token(token)
    except InvalidToken:
        return invalid_link(request)
    if request.method == "POST":
        form = AlertFilterForm(request.POST)
        if form.is_valid():
            subscription.query = form.query()
            subscription.frequency = form.cleaned_data["frequency"]
            clash = Subscription.objects.filter(
                email__iexact=subscription.email, query=subscription.query
            ).exclude(pk=subscription.pk)
            clash.delete()  # the address had this search already: keep one alert for it
            subscription.save(update_fields=["query", "frequency"])
            return redirect(subscription.manage_url() + "?gespeichert=1")
    else:
        initial = AlertFilterForm.initial_from_query(subscription.query)
        form = AlertFilterForm(initial=initial | {"frequency": subscription.frequency})
    context = {
        "form": form,
        "subscription": subscription,
        "token": token,
        "saved": "gespeichert" in request.GET,
        "search": describe_state(parse_state(subscription.query_dict())),
    }
    return render(request, "alerts/manage.html", context)


@never_cache
@require_POST
def delete(request, token):
    """Delete the subscription and everything stored with it, at once."""
    try:
        Subscription.objects.from_manage_token(token).delete()
    except InvalidToken:
        return invalid_link(request)
    return render(request, "alerts/unsubscribed.html")


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a button, so a link scanner cannot unsubscribe anyone; POST: gone (RFC 8058)."""
    try:
        subscription = Subscription.objects.from_manage_token(token)
    except InvalidToken:
        if request.method == "POST":  # a second click: the result is the same
            return render(request, "alerts/unsubscribed.html")
        return invalid_link(request)
    if request.method == "POST":
        subscription.delete()
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})


def invalid_link(request):
    return render(request, "alerts/invalid_link.html", status=404)
