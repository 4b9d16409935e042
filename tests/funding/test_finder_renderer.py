"""The finder's Jinja2 template gives the page its Django template gave, byte for byte.

The finder's main part (results, filters, counts) moved from a Django to a Jinja2 template for
speed (issue 18). Before the Django template goes, both render 200 random finder states — filters,
free text, sorts, pages, English, bad input — and must agree on every byte.
"""

import random

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from funding import views
from funding.models import CareerStage, FundingProgramme, Specialty
from portal.models import District

CHANCES = {"stufe": 0.6, "kreis": 0.5, "fach": 0.3, "art": 0.3}
WORDS = ["Stipendium", "Landarzt", "Ärztinnen", "Aerzte", "Görlitz", "<b>", "a&b", "it's"]
SORTS = ["relevanz", "neu", "frist", "betrag", "unbekannt"]


@pytest.fixture
def catalogue(reference_data):
    call_command("seed_demo", programmes=120, partners=15, seed=5, verbosity=0)
    return {
        "stufe": list(CareerStage.objects.values_list("slug", flat=True)),
        "kreis": list(District.objects.values_list("slug", flat=True)),
        "fach": list(Specialty.objects.values_list("slug", flat=True)),
        "art": [*sorted(set(FundingProgramme.objects.values_list("kind", flat=True))), "nix"],
    }


def random_query(rng, options):
    query = []
    for name, chance in CHANCES.items():
        if rng.random() < chance:
            query.append((name, rng.choice(options[name])))
            if rng.random() < 0.2:
                query.append((name, rng.choice(options[name])))
    if rng.random() < 0.3:
        query.append(("q", rng.choice(WORDS)))
    if rng.random() < 0.2:
        query.append(("offen", "1"))
    if rng.random() < 0.3:
        query.append(("sort", rng.choice(SORTS)))
    if rng.random() < 0.3:
        query.append(("page", rng.choice(["2", "3", "0", "x", "99"])))
    return query


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)
def test_both_renderers_give_the_same_finder_page(client, catalogue, monkeypatch):
    rng = random.Random(18)
    compared = 0
    for number in range(200):
        language = "en" if number % 4 == 3 else "de"
        with translation.override(language):
            url = reverse("funding:finder")
        query = random_query(rng, catalogue)
        pages = {}
        for renderer in ("django", "jinja2"):
            monkeypatch.setattr(views, "FINDER_RENDERER", renderer)
            response = client.get(url, query)
            assert response.status_code == 200
            pages[renderer] = response.content.decode()
        assert pages["jinja2"] == pages["django"], (url, query)
        compared += 1
    assert compared == 200


def test_the_jinja2_template_escapes_what_a_visitor_types(client, catalogue):
    html = client.get(reverse("funding:finder"), {"q": '<script>"x"</script>'}).content.decode()
    assert "<script>&quot;x&quot;" not in html
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html
