"""What the funding app puts into the search index: programmes, career stages, specialties."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from funding import filters
from funding.models import CareerStage, FundingProgramme, Specialty
from portal.indexers import ModelIndexer, in_language, url_in
from portal.params import query_string
from portal.search_index import Document


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
