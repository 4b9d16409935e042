"""Districts, slugs and staff-edited pages."""

import pytest
from django.db import IntegrityError, transaction

from portal.models import District, Page
from portal.text import german_slugify
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Görlitz", "goerlitz"),
        ("Meißen", "meissen"),
        ("Sächsische Schweiz-Osterzgebirge", "saechsische-schweiz-osterzgebirge"),
        ("Landkreis Leipzig", "landkreis-leipzig"),
        ("Übersicht", "uebersicht"),
        ("Ärztin/Arzt werden", "aerztin-arzt-werden"),
    ],
)
def test_german_slugify_transliterates_umlauts_and_sharp_s(name, slug):
    assert german_slugify(name) == slug


def test_district_slug_defaults_to_the_transliterated_name():
    district = District.objects.create(ags="14627", name="Meißen", kind="landkreis")
    assert district.slug == "meissen"
    assert district.get_absolute_url() == "/regionen/meissen/"


def test_district_ags_must_be_a_saxon_key():
    with pytest.raises(IntegrityError), transaction.atomic():
        District.objects.create(ags="09162", name="München", kind="kreisfreie_stadt")


def test_district_ags_is_unique():
    factories.district(ags="14626")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.district(ags="14626")


def test_page_body_is_sanitised_on_save():
    page = Page.objects.create(
        slug="impressum",
        title="Impressum",
        body='<p onclick="x()">Text<script>alert(1)</script> <a href="javascript:x">Link</a></p>',
    )
    assert "<script" not in page.body
    assert "onclick" not in page.body
    assert "javascript:" not in page.body
    assert "<p>Text" in page.body
