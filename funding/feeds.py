"""``/foerderungen/feed/``: an Atom feed of new and changed programmes, newest change first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from funding.models import FundingProgramme
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

    def link(self):
        return reverse("funding:finder")

    def feed_url(self):
        return reverse("funding:feed")

    def items(self):
        return (
            FundingProgramme.objects.published()
            .select_related("provider")
            .order_by("-updated_at", "title")[:FEED_LENGTH]
        )

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
