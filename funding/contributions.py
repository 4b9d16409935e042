"""What the funding app adds to the portal's site-wide pages (see portal.registry)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from funding.models import CareerStage, FundingProgramme
from funding.search import search_programmes
from portal.search import SearchHit
from portal.sitemaps import LocalisedSitemap, StaticViewSitemap


class CareerStageSection:
    """Home page: the way into the programmes by career stage."""

    order = 10
    template_name = "funding/includes/home_career_stages.html"

    def get_context(self, request):
        return {
            "career_stages": CareerStage.objects.all(),
            "programme_count": FundingProgramme.objects.published().count(),
        }


class ProgrammeSearchSource:
    """Site search over published programmes, with the finder's full-text search."""

    order = 10
    slug = "foerderungen"
    heading = _("Förderungen")

    def search(self, request, query, limit):
        matches = search_programmes(FundingProgramme.objects.published(), query)
        hits = matches.order_by("-rank", "title").only("title", "slug", "summary")[:limit]
        return matches.count(), [
            SearchHit(programme.title, programme.get_absolute_url(), programme.summary)
            for programme in hits
        ]

    def more_url(self, query):
        return f"{reverse('funding:finder')}?{urlencode({'q': query})}"


class CareerStageSitemap(LocalisedSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return CareerStage.objects.order_by("position")


class ProgrammeSitemap(LocalisedSitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return FundingProgramme.objects.published().order_by("title").only("slug", "updated_at")

    def lastmod(self, programme):
        return programme.updated_at


SITEMAPS = {
    "foerderungen": StaticViewSitemap(["funding:finder", "funding:open_data"], "daily"),
    "karrierestufen": CareerStageSitemap,
    "programme": ProgrammeSitemap,
}
