"""What the funding app adds to the portal's site-wide pages (see portal.registry)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from funding.models import CareerStage, FundingProgramme
from portal.collation import german_title
from portal.models import PublicationStatus
from portal.sitemaps import ModelSitemap, StaticViewSitemap
from portal.worklist import WorkLine


class CareerStageSection:
    """Home page: the way into the programmes by career stage."""

    order = 10
    template_name = "funding/includes/home_career_stages.html"

    def get_context(self, request):
        return {
            "career_stages": CareerStage.objects.all(),
            "programme_count": FundingProgramme.objects.published().count(),
        }


SITEMAPS = [
    StaticViewSitemap(
        "foerderungen",
        ["funding:finder", "funding:check", "funding:path", "funding:open_data"],
        "daily",
    ),
    ModelSitemap("karrierestufen", CareerStage.objects.order_by("position"), priority=0.7),
    ModelSitemap(
        "programme",
        FundingProgramme.objects.published().order_by("title").only("slug", "updated_at"),
        priority=0.9,
        date_field="updated_at",
    ),
]


class ProgrammeColumn:
    """Regions table: programmes limited to each district, plus the statewide ones."""

    order = 10
    heading = _("Förderungen (regional + sachsenweit)")

    def values(self, districts):
        published = FundingProgramme.objects.published()
        regional = dict(
            FundingProgramme.districts.through.objects.filter(
                fundingprogramme__in=published.values("pk"), district__in=districts
            )
            .values_list("district")
            .annotate(n=Count("pk"))
            .order_by()
        )
        statewide = published.statewide().count()
        return {
            district.pk: f"{regional.get(district.pk, 0)} + {statewide}" for district in districts
        }


class DistrictProgrammesSection:
    """District page: the programmes limited to the district and how many statewide ones apply."""

    order = 10
    template_name = "funding/includes/district_programmes.html"
    # The page stays short and light however many programmes a district has; the finder,
    # linked below the list, shows them all.
    shown = 12

    def get_context(self, request, district):
        published = FundingProgramme.objects.published()
        regional = published.filter(districts=district)
        return {
            "district": district,
            "programmes": regional.with_card_data().order_by(german_title("title"))[: self.shown],
            "regional_count": regional.count(),
            "statewide_count": published.statewide().count(),
        }


class PartnerProgrammesSection:
    """A partner's page: its published programmes, as the finder's cards show them."""

    order = 10
    template_name = "funding/includes/partner_programmes.html"

    def get_context(self, request, partner):
        programmes = (
            FundingProgramme.objects.published()
            .filter(provider=partner)
            .with_card_data()
            .order_by(german_title("title"))
        )
        return {"programmes": programmes}


WORK_LINES = [
    WorkLine(
        order=20,
        label=_("Förderprogramme: seit über einem Jahr nicht geprüft"),
        model=FundingProgramme,
        rows=lambda: FundingProgramme.objects.published().overdue_for_review(),
        query={"status__exact": PublicationStatus.PUBLISHED, "pruefung": "ueberfaellig"},
    ),
    WorkLine(
        order=40,
        label=_("Förderprogramme: Bewerbungsschluss vorbei, aber noch veröffentlicht"),
        model=FundingProgramme,
        rows=lambda: FundingProgramme.objects.deadline_passed(),
        query={"frist": "abgelaufen"},
    ),
    WorkLine(
        order=50,
        label=_("Förderprogramme: Entwürfe älter als 30 Tage"),
        model=FundingProgramme,
        rows=lambda: FundingProgramme.objects.stale_drafts(),
        query={"entwurf": "liegt-lange"},
    ),
]
