"""What the network app puts into the search index: its published partners and providers."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from network.models import Partner
from portal.indexers import ModelIndexer, in_language, url_in
from portal.search_index import Document
from portal.text import TranslatedText


class PartnerIndexer(ModelIndexer):
    source = "partner"
    heading = _("Netzwerkpartner und Anbieter")
    models = (Partner,)

    def public(self):
        return Partner.objects.published().select_related("district")

    def document(self, partner, language):
        with override(language):
            category = str(partner.get_category_display())
        place = " – ".join(filter(None, [partner.city, partner.district and partner.district.name]))
        description = in_language(partner, "description", language)
        # The first words of the description under the name, in the language they are written in.
        summary = TranslatedText(
            Truncator(description).words(30, truncate=" …"),
            description.language,
            description.fallback,
        )
        return Document(
            partner.pk,
            language,
            url_in(partner, language),
            partner.name,
            summary,
            " ".join([description, place, category]),
        )
