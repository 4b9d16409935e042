from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerareaConfig(AppConfig):
    name = "partnerarea"
    verbose_name = _("Partnerbereich")
