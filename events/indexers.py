"""What the events app puts into the search index: its published events."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from events.models import Event
from portal.indexers import ModelIndexer, url_in
from portal.search_index import Document


class EventIndexer(ModelIndexer):
    source = "veranstaltungen"
    heading = _("Veranstaltungen")
    models = (Event,)

    def public(self):
        return Event.objects.published().select_related("district")

    def document(self, event, language):
        with override(language):
            when = event.when()
        place = " – ".join(filter(None, [event.venue, event.district and event.district.name]))
        return Document(
            event.pk,
            language,
            url_in(event, language),
            event.title,
            " · ".join(filter(None, [when, event.summary])),
            " ".join(filter(None, [place, event.description])),
        )
