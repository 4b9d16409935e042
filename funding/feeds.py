"""``/foerderungen/feed/``: an Atom feed of new and changed programmes, newest change first.

The feed takes the finder's parameters (``/foerderungen/feed/?stufe=pj&kreis=goerlitz``) and
then holds only the programmes that finder state shows; unknown values are dropped as the finder
drops them.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from funding.states import programmes_of_state, state_query
from funding.templatetags.funding_tags import programme_amount

FEED_LENGTH = 50


class ProgrammeFeed(Feed):
    """The 50 most recently changed published programmes, for feed readers and partner sites."""

    feed_type = Atom1Feed
    title = _("Ärzte für Sachsen – neue und geänderte Förderprogramme")
    subtitle = _(
        "Förderprogramme für Medizinstudierende, Ärztinnen und Ärzte in Sachsen, "
        "zuletzt geänderte zuerst."
    )
    author_name = _("Netzwerk »Ärzte für Sachsen«")

    def get_object(self, request, *args, **kwargs):
        """The finder state of the query string: (query, published programmes it selects)."""
        params, programmes = programmes_of_state(request.GET)
        return state_query(params), programmes

    def link(self, state):
        query = state[0]
        return reverse("funding:finder") + (f"?{query}" if query else "")

    def feed_url(self, state):
        query = state[0]
        return reverse("funding:feed") + (f"?{query}" if query else "")

    def items(self, state):
        return state[1].select_related("provider").order_by("-updated_at", "title")[:FEED_LENGTH]

    def item_title(self, programme):
        return programme.title

    def item_description(self, programme):
        amount = programme_amount(programme)
        parts = [programme.summary, str(amount) if amount else "", programme.provider.name]
        return " – ".join(part for part in parts if part)

    def item_guid(self, programme):
        # Stable across renamed slugs and both languages: the programme's identity.
        return f"tag:aerzte-fuer-sachsen.de,2009:programm/{programme.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, programme):
        return programme.created_at

    def item_updateddate(self, programme):
        return programme.updated_at

    def item_author_name(self, programme):
        return programme.provider.name
