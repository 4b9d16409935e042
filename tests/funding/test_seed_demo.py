"""``manage.py seed_demo``: marked, varied demo data in bulk; ``--clear`` spares real rows."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from funding.models import FundingProgramme
from funding.windows import WindowKind
from network.models import ContactPerson, Partner
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    """A small stand-in for the real reference data: stages, districts, specialties."""
    stages = [factories.career_stage(slug=slug) for slug in ("studium", "pj", "weiterbildung")]
    districts = [
        factories.district(name="Görlitz", slug="goerlitz", ags="14626", seat="Görlitz"),
        factories.district(name="Bautzen", slug="bautzen", ags="14625", seat="Bautzen"),
        factories.district(name="Meißen", slug="meissen", ags="14627", seat="Meißen"),
    ]
    specialties = [factories.specialty(name=name) for name in ("Allgemeinmedizin", "Chirurgie")]
    return stages, districts, specialties


def seed(*args, **options):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, **options)
    return out.getvalue()


def test_it_creates_the_requested_numbers_of_demo_rows(reference):
    output = seed(programmes=120, partners=15)
    assert FundingProgramme.objects.filter(is_demo=True).count() == 120
    assert Partner.objects.filter(is_demo=True).count() == 15
    assert ContactPerson.objects.filter(partner__is_demo=True).count() == 15
    assert "15 Demo-Partner und 120 Demo-Programme angelegt" in output


def test_demo_rows_are_marked_in_name_and_flag(reference):
    seed(programmes=30, partners=5)
    assert not FundingProgramme.objects.filter(is_demo=False).exists()
    for programme in FundingProgramme.objects.all():
        assert programme.title.startswith("[Demo] ")
        assert programme.is_demo
    assert sorted(Partner.objects.values_list("name", flat=True)) == [
        f"Demo-Partner {n}" for n in range(1, 6)
    ]


def test_demo_programmes_vary_in_region_stage_kind_and_status(reference):
    seed(programmes=300, partners=10)
    demo = FundingProgramme.objects.filter(is_demo=True)
    statewide = demo.statewide().count()
    assert 0 < statewide < 300
    assert demo.values("kind").distinct().count() >= 6
    assert demo.published().count() > 200
    assert demo.exclude(status=PublicationStatus.PUBLISHED).exists()
    with_stages = demo.annotate(n=Count("career_stages")).filter(n__gte=1).count()
    assert with_stages == 300
    assert demo.filter(specialties__isnull=False).distinct().count() > 50
    assert demo.filter(amount__isnull=False).exists()
    assert demo.filter(windows__kind=WindowKind.YEARLY).exists()
    assert demo.filter(windows__kind=WindowKind.ONE_OFF).exists()
    assert demo.filter(windows__isnull=True).exists()
    assert demo.filter(description__contains="Ärztinnen und Ärzte").exists()


def test_demo_programmes_show_in_the_finder_and_its_text_search(client, reference):
    seed(programmes=60, partners=5)
    html = client.get("/foerderungen/?q=aerztinnen").content.decode()
    assert "[Demo]" in html
    assert "0 Förderungen gefunden" not in html


def test_the_same_seed_gives_the_same_data(reference):
    seed(programmes=40, partners=4, seed=7)
    first = list(FundingProgramme.objects.order_by("slug").values_list("slug", "kind", "amount"))
    seed(programmes=0, partners=0, clear=True)
    seed(programmes=40, partners=4, seed=7)
    second = list(FundingProgramme.objects.order_by("slug").values_list("slug", "kind", "amount"))
    assert first == second


def test_seeding_twice_adds_rows_without_slug_clashes(reference):
    seed(programmes=20, partners=3)
    seed(programmes=20, partners=3)
    assert FundingProgramme.objects.filter(is_demo=True).count() == 40
    assert Partner.objects.filter(is_demo=True).count() == 6


def test_clear_removes_demo_data_only(reference):
    stages, districts, _specialties = reference
    real_partner = factories.partner(name="Landkreis Görlitz")
    real = factories.programme(
        title="Sächsisches Hausarztstipendium",
        provider=real_partner,
        career_stages=stages[:1],
        districts=districts[:1],
    )
    seed(programmes=50, partners=5)
    output = seed(programmes=0, partners=0, clear=True)
    assert "Frühere Demodaten gelöscht" in output
    assert list(FundingProgramme.objects.all()) == [real]
    assert list(Partner.objects.all()) == [real_partner]
    assert list(real.districts.all()) == districts[:1]
    assert list(real.career_stages.all()) == stages[:1]


def test_it_refuses_to_run_without_reference_data(db):
    with pytest.raises(CommandError, match="load_reference_data"):
        seed(programmes=10, partners=2)
    assert not FundingProgramme.objects.exists()


def test_it_works_with_the_real_reference_data(reference_data):
    seed(programmes=25, partners=5)
    assert FundingProgramme.objects.filter(is_demo=True).count() == 25
