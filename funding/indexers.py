"""What the funding app puts into the search index: programmes, career stages, specialties."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from funding import filters
from funding.models import CareerStage, FundingProgramme, Specialty
from portal.indexers import ModelIndexer, in_language, url_in
from portal.params import query_string
from portal.search_index import LANGUAGES, Document
from portal.text import TranslatedText


class ProgrammeIndexer(ModelIndexer):
    """Published programmes: title, summary, then everything a visitor may search them by."""

    source = "foerderungen"
    heading = _("Förderungen")
    models = (FundingProgramme,)

    def public(self):
        return (
            FundingProgramme.objects.published()
            .select_related("provider")
            .prefetch_related("career_stages", "districts", "specialties")
        )

    def document(self, programme, language):
        with override(language):
            kind = str(programme.get_kind_display())
        body = [
            in_language(programme, field, language)
            for field in (
                "description",
                "eligibility",
                "obligations",
                "how_to_apply",
                "region_note",
                "amount_note",
            )
        ]
        body += [kind, programme.provider.name]
        body += [in_language(stage, "name", language) for stage in programme.career_stages.all()]
        body += [district.name for district in programme.districts.all()]
        body += [in_language(s, "name", language) for s in programme.specialties.all()]
        return Document(
            programme.pk,
            language,
            url_in(programme, language),
            in_language(programme, "title", language),
            in_language(programme, "summary", language),
            " ".join(body),
        )

    def more_url(self, query):
        return f"{reverse('funding:finder')}?{query_string({filters.TEXT.param: query})}"

    def understood(self, query, limit):
        """The query read as a finder state („PJ Görlitz“), or None (funding.understand)."""
        from funding.understand import site_search_reading

        return site_search_reading(query, limit)


class CareerStageIndexer(ModelIndexer):
    source = "karrierestufen"
    heading = _("Karrierestufen")
    models = (CareerStage,)

    def document(self, stage, language):
        return Document(
            stage.pk,
            language,
            url_in(stage, language),
            in_language(stage, "name", language),
            in_language(stage, "audience", language),
            in_language(stage, "introduction", language),
        )


class SpecialtyIndexer(ModelIndexer):
    """A specialty leads to the finder filtered by it."""

    source = "fachgebiete"
    heading = _("Fachgebiete")
    models = (Specialty,)

    def document(self, specialty, language):
        with override(language):
            query = query_string({filters.SPECIALTY.param: specialty.slug})
            url = f"{reverse('funding:finder')}?{query}"
            summary = str(_("Förderungen in diesem Fachgebiet"))
        return Document(
            specialty.pk, language, url, in_language(specialty, "name", language), summary
        )


@dataclass(frozen=True)
class Tool:
    """One of the site's tools: found by its name and by what it does."""

    pk: int
    url_name: str
    title: str
    summary: str
    words: str  # what people type for it, German and English


# The numbers are the entries' ids in the index; they only need to stay distinct.
TOOLS = (
    Tool(
        1,
        "funding:check",
        _("Förder-Check"),
        _("Ein paar Fragen zu Ihrer Situation – und Sie sehen, welche Förderung passt."),
        "Foerder-Check Foerdercheck Eignung prüfen passt zu mir Quiz Fragen eligibility check "
        "which funding fits me",
    ),
    Tool(
        2,
        "funding:finder",
        _("Förderfinder"),
        _("Alle Förderprogramme nach Karrierestufe, Region, Fachgebiet und Art filtern."),
        "Förderungen Programme Liste Filter suchen funding finder programmes",
    ),
    Tool(
        3,
        "funding:path",
        _("Ihr Weg: von der Studienwahl bis zur eigenen Praxis"),
        _("Was in welcher Phase hilft, was worauf folgt und was sich ausschließt."),
        "Weg Karriereweg Laufbahn Ablauf Phasen Zeitstrahl career path timeline",
    ),
    Tool(
        4,
        "funding:compare",
        _("Vergleich von Förderprogrammen"),
        _("Bis zu vier Programme nebeneinander: Betrag, Dauer, Verpflichtungen."),
        "Vergleich vergleichen nebeneinander Gegenüberstellung compare comparison side by side",
    ),
    Tool(
        5,
        "funding:open_data",
        _("Offene Daten"),
        _("Alle Förderprogramme als CSV und JSON zum Weiterverwenden."),
        "Download Export CSV JSON API open data",
    ),
)


class ToolIndexer:
    """The site's tools, so the search finds "Förder-Check" or "Vergleich" by name and purpose.

    A fixed list, not a model: :func:`portal.search_index.rebuild` writes its entries.
    """

    source = "werkzeuge"
    heading = _("Werkzeuge")
    order = 1
    models = ()

    def public(self):
        return TOOLS

    def affected(self, instance):
        return []

    def documents(self, tools):
        documents = []
        for tool in tools:
            for language in LANGUAGES:
                with override(language):
                    documents.append(
                        Document(
                            tool.pk,
                            language,
                            reverse(tool.url_name),
                            TranslatedText(str(tool.title), language),
                            TranslatedText(str(tool.summary), language),
                            f"{tool.words} {tool.title} {tool.summary}",
                        )
                    )
        return documents
