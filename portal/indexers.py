"""What the portal itself puts into the search index: districts and the legal pages."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from portal.models import District, Page
from portal.search_index import LANGUAGES, Document
from portal.text import TranslatedText


def in_language(obj, field, language):
    """``obj.<field>_en`` for English where it is written, otherwise the German field.

    A :class:`~portal.text.TranslatedText`, so the results page can mark German with lang="de".
    """
    german = getattr(obj, field) or ""
    if language != "en":
        return TranslatedText(german, "de")
    english = getattr(obj, f"{field}_en", "")
    return TranslatedText(english, "en") if english else TranslatedText(german, "de", bool(german))


def url_in(obj, language):
    with override(language):
        return obj.get_absolute_url()


class ModelIndexer:
    """An indexer for one model whose own saves are all that change its entries."""

    def public(self):
        return self.models[0]._default_manager.all()

    def affected(self, instance):
        return [instance] if isinstance(instance, self.models[0]) else []

    def documents(self, objects):
        documents = []
        for obj in objects:
            german, english = (self.document(obj, language) for language in LANGUAGES)
            # English pages show German where nothing is translated, and people abroad type
            # German names too: the English entry also holds the German title and summary.
            english.body = " ".join([english.body, german.title, german.summary])
            documents += [german, english]
        return documents


class DistrictIndexer(ModelIndexer):
    source = "kreise"
    heading = _("Regionen")
    models = (District,)

    def document(self, district, language):
        return Document(
            district.pk,
            language,
            url_in(district, language),
            district.name,
            f"{district.get_kind_display()}, {district.seat}" if district.seat else "",
        )


class PageIndexer(ModelIndexer):
    source = "seiten"
    heading = _("Seiten")
    models = (Page,)

    def document(self, page, language):
        return Document(
            page.pk,
            language,
            url_in(page, language),
            in_language(page, "title", language),
            "",
            strip_tags(in_language(page, "body", language)),
        )
