"""What the funding app adds to the portal's site-wide pages (see portal.registry)."""

from funding.models import CareerStage, FundingProgramme


class CareerStageSection:
    """Home page: the way into the programmes by career stage."""

    order = 10
    template_name = "funding/includes/home_career_stages.html"

    def get_context(self, request):
        return {
            "career_stages": CareerStage.objects.all(),
            "programme_count": FundingProgramme.objects.published().count(),
        }
