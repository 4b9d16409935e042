from django.utils.translation import gettext_lazy as _

from portal.planning import PlanungsbereichImportCommand


class Command(PlanungsbereichImportCommand):
    help = _(
        "Ordnet Gemeinden ihren Planungsbereichen zu (CSV: AGS und je Versorgungsebene der "
        "Planungsbereich). Ohne --commit nur ein Probelauf."
    )
