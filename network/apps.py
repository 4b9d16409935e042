from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netzwerk")

    def ready(self):
        from django.db.models.signals import post_save

        from network import office_mail
        from network.models import ChangeProposal

        post_save.connect(
            office_mail.proposal_saved, sender=ChangeProposal, dispatch_uid="office_mail"
        )
