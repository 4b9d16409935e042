"""The real reference data that ``make run`` loads: complete, consistent and loadable twice."""

import pytest
from django.core.management import call_command

from coordinators.models import FundingBasis, RegionalConference, RegionalCoordinator
from funding.models import CareerStage, FundingProgramme, Specialty
from network.models import CoordinationOffice, Partner, SteeringGroupSeat
from portal.models import District, PublicationStatus

pytestmark = pytest.mark.django_db

DISTRICTS = {
    "14511": ("Chemnitz", "chemnitz"),
    "14521": ("Erzgebirgskreis", "erzgebirgskreis"),
    "14522": ("Mittelsachsen", "mittelsachsen"),
    "14523": ("Vogtlandkreis", "vogtlandkreis"),
    "14524": ("Zwickau", "zwickau"),
    "14612": ("Dresden", "dresden"),
    "14625": ("Bautzen", "bautzen"),
    "14626": ("Görlitz", "goerlitz"),
    "14627": ("Meißen", "meissen"),
    "14628": ("Sächsische Schweiz-Osterzgebirge", "saechsische-schweiz-osterzgebirge"),
    "14713": ("Leipzig", "leipzig"),
    "14729": ("Landkreis Leipzig", "landkreis-leipzig"),
    "14730": ("Nordsachsen", "nordsachsen"),
}


def test_all_thirteen_districts_with_their_official_keys(reference_data):
    loaded = {d.ags: (d.name, d.slug) for d in District.objects.all()}
    assert loaded == DISTRICTS
    assert District.objects.filter(kind=District.Kind.INDEPENDENT_CITY).count() == 3


def test_every_district_says_how_a_sentence_names_it(reference_data):
    phrases = dict(District.objects.values_list("slug", "in_phrase"))
    assert phrases["erzgebirgskreis"] == "im Erzgebirgskreis"
    assert phrases["vogtlandkreis"] == "im Vogtlandkreis"
    assert phrases["goerlitz"] == "im Landkreis Görlitz"
    assert phrases["landkreis-leipzig"] == "im Landkreis Leipzig"
    assert phrases["chemnitz"] == "in Chemnitz"
    assert all(phrase.startswith(("im ", "in ")) for phrase in phrases.values())


def test_no_district_population_without_a_source_and_date(reference_data):
    for district in District.objects.exclude(population=None):
        assert district.population_date, district.name
        assert district.population_source_url, district.name


def test_career_stages_in_order_with_their_url_slugs(reference_data):
    assert list(CareerStage.objects.values_list("slug", flat=True)) == [
        "schule",
        "studium",
        "pj",
        "weiterbildung",
        "niederlassung",
        "berufserfahrene",
    ]
    assert CareerStage.objects.get(slug="pj").name == "Praktisches Jahr"


def test_specialties_include_general_practice(reference_data):
    assert Specialty.objects.count() >= 15
    assert Specialty.objects.filter(slug="allgemeinmedizin", name="Allgemeinmedizin").exists()


def test_steering_group_has_its_eight_members_in_order(reference_data):
    seats = list(SteeringGroupSeat.objects.select_related("partner"))
    assert len(seats) == 8
    assert seats[0].partner.name == "Sächsische Landesärztekammer"
    assert seats[1].partner.name == "Kassenärztliche Vereinigung Sachsen"
    names = {seat.partner.name for seat in seats}
    assert "Sächsischer Landkreistag e.V." in names
    assert "Sächsischer Städte- und Gemeindetag e.V." in names
    assert all(seat.partner.status == PublicationStatus.PUBLISHED for seat in seats)


def test_coordination_office_sits_at_the_state_chamber(reference_data):
    office = CoordinationOffice.objects.get()
    assert office.host.name == "Sächsische Landesärztekammer"
    assert office.city == "Dresden"
    assert office.email == "info@aerzte-fuer-sachsen.de"


def test_only_the_steering_group_and_the_faculties_are_confirmed_as_network_partners(
    reference_data,
):
    members = Partner.objects.network_members()
    steering = Partner.objects.filter(steering_group_seat__isnull=False)
    # The network's self-description names both medical faculties (audit 07.12.2026, O13/O14).
    faculties = Partner.objects.filter(slug__startswith="medizinische-fakultaet-")
    assert set(members) == set(steering) | set(faculties)
    assert all(member.membership_source_url.startswith("https://") for member in members)
    assert Partner.objects.other_providers().published().count() > 50


def test_the_audit_corrections_are_applied(reference_data):
    quota = FundingProgramme.objects.get(slug__startswith="landarztquote")
    assert "30. September 2021" in quota.description
    assert "250.000 €" in quota.obligations
    assert "in Sachsen" in quota.obligations
    stipend = FundingProgramme.objects.get(slug="saechsisches-hausarztstipendium")
    assert "nicht der 2025 gezahlten Stipendien" in stipend.description
    assert "Sozialministerium" in stipend.description
    guarantee = FundingProgramme.objects.get(slug="garantierter-mindestumsatz-fuer-neue-praxen")
    assert "zwei Jahre" in guarantee.amount_note
    mittelsachsen = FundingProgramme.objects.get(
        slug="rundum-gesund-aerztin-arzt-werden-fuer-mittelsachsen"
    )
    assert "zurückzuzahlen" in mittelsachsen.amount_note
    loan = FundingProgramme.objects.get(slug="gruendungsdarlehen-der-saechsischen-aufbaubank")
    assert loan.status == PublicationStatus.IN_REVIEW  # ESF period 2014–2020: re-check first


def test_programmes_name_the_year_of_their_source_or_say_it_is_undated(reference_data):
    # The page says „Die Quelle nennt kein Datum“; how the office checked it is its own note.
    for programme in FundingProgramme.objects.published():
        if programme.source_year is None:
            said = f"{programme.description} {programme.office_note}"
            assert "Quelle" in said, programme.title
            assert any(words in said for words in ("undatiert", "nicht datiert", "ohne Datum")), (
                programme.title
            )


def test_coordinator_history_from_the_model_regions_to_the_lump_sum(reference_data):
    bases = list(FundingBasis.objects.all())
    assert [basis.start_date.year for basis in bases] == [2018, 2021, 2022]
    assert bases[-1].max_amount_per_year == 90000
    assert "SächsKomPauschVO" in bases[-1].legal_basis
    model_regions = set(
        RegionalCoordinator.objects.exclude(model_region="").values_list("model_region", flat=True)
    )
    assert model_regions == {"Marienberg", "Weißwasser"}
    assert RegionalConference.objects.get().district.slug == "nordsachsen"


def test_active_coordination_where_sources_confirm_it(reference_data):
    active = RegionalCoordinator.objects.filter(status=RegionalCoordinator.Status.ACTIVE)
    assert set(active.values_list("district__slug", flat=True)) == {
        "erzgebirgskreis",
        "goerlitz",
        "vogtlandkreis",
    }
    assert all(post.source_url for post in active)
    lump_sum = FundingBasis.objects.get(legal_basis__contains="SächsKomPauschVO")
    assert (lump_sum.districts_using, lump_sum.districts_planning) == (6, 2)


@pytest.mark.parametrize(
    ("slug", "amount"),
    [
        ("saechsisches-hausarztstipendium", 1000),
        ("rundum-gesund-aerztin-arzt-werden-fuer-mittelsachsen", 400),
        ("studieren-in-europa-zukunft-in-sachsen", 15000),
    ],
)
def test_the_programmes_named_in_the_design_are_published(reference_data, slug, amount):
    programme = FundingProgramme.objects.published().get(slug=slug)
    assert programme.amount == amount
    assert programme.source_url.startswith("http")
    assert not programme.is_demo


def test_mittelsachsen_stipend_is_regional_and_the_house_doctor_stipend_statewide(reference_data):
    mittelsachsen = District.objects.get(slug="mittelsachsen")
    regional = FundingProgramme.objects.get(
        slug="rundum-gesund-aerztin-arzt-werden-fuer-mittelsachsen"
    )
    assert list(regional.districts.all()) == [mittelsachsen]
    assert (
        FundingProgramme.objects.statewide().filter(slug="saechsisches-hausarztstipendium").exists()
    )


def test_every_programme_names_its_source_and_a_published_provider(reference_data):
    programmes = FundingProgramme.objects.select_related("provider")
    # 46 in the audit of 07.12.2026; three one-off or finished offers archived, two added.
    assert programmes.published().count() >= 44
    for programme in programmes:
        assert programme.source_url, programme.title
        assert programme.provider.status == PublicationStatus.PUBLISHED, programme.title
        assert programme.career_stages.exists(), programme.title


def test_fixtures_hold_no_demo_data(reference_data):
    assert not Partner.objects.filter(is_demo=True).exists()
    assert not FundingProgramme.objects.filter(is_demo=True).exists()


def test_loading_twice_changes_nothing(reference_data):
    counts = (Partner.objects.count(), FundingProgramme.objects.count(), District.objects.count())
    call_command("load_reference_data", verbosity=0)
    assert counts == (
        Partner.objects.count(),
        FundingProgramme.objects.count(),
        District.objects.count(),
    )
