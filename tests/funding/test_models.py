"""The programme rules the finder and the office rely on."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from funding.models import FundingProgramme
from funding.windows import WindowKind
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def test_published_excludes_drafts_review_and_archive():
    live = factories.programme()
    for status in (
        PublicationStatus.DRAFT,
        PublicationStatus.IN_REVIEW,
        PublicationStatus.ARCHIVED,
    ):
        factories.programme(status=status)
    assert list(FundingProgramme.objects.published()) == [live]


def test_programme_without_districts_is_statewide():
    goerlitz = factories.district()
    statewide = factories.programme()
    factories.programme(districts=[goerlitz])
    assert list(FundingProgramme.objects.statewide()) == [statewide]


def test_for_district_includes_statewide_programmes_once():
    goerlitz, bautzen = factories.district(), factories.district()
    own = factories.programme(title="A Görlitz", districts=[goerlitz])
    both = factories.programme(title="B beide", districts=[goerlitz, bautzen])
    statewide = factories.programme(title="C sachsenweit")
    factories.programme(title="D Bautzen", districts=[bautzen])
    found = list(FundingProgramme.objects.for_district(goerlitz).order_by("title"))
    assert found == [own, both, statewide]


def test_for_several_districts_is_an_or():
    goerlitz, bautzen = factories.district(), factories.district()
    factories.programme(districts=[goerlitz])
    factories.programme(districts=[bautzen])
    factories.programme(districts=[factories.district()])
    assert FundingProgramme.objects.for_district(goerlitz, bautzen).count() == 2


def test_for_specialty_includes_programmes_open_to_every_specialty():
    kinder, augen = factories.specialty(), factories.specialty()
    only_kinder = factories.programme(specialties=[kinder])
    open_to_all = factories.programme()
    factories.programme(specialties=[augen])
    assert set(FundingProgramme.objects.for_specialty(kinder)) == {only_kinder, open_to_all}


def test_open_on_respects_windows_and_validity_and_never_counts_an_undated_programme():
    day = datetime.timedelta(days=1)
    open_ = factories.programme(deadline=TODAY, valid_from=TODAY - day)
    rolling = factories.programme()
    factories.window(rolling, kind=WindowKind.ROLLING)
    factories.programme(deadline=TODAY - day)
    not_yet_valid = factories.programme(valid_from=TODAY + day)
    factories.window(not_yet_valid, kind=WindowKind.ROLLING)
    factories.programme(deadline=TODAY + day, valid_until=TODAY - day, valid_from=TODAY - 9 * day)
    factories.programme()  # no window: never open
    assert set(FundingProgramme.objects.open_on(TODAY)) == {open_, rolling}


def test_overdue_for_review_twelve_months_after_the_last_review():
    fresh = factories.programme(last_reviewed_on=TODAY - datetime.timedelta(days=365))
    stale = factories.programme(last_reviewed_on=TODAY - datetime.timedelta(days=366))
    assert set(FundingProgramme.objects.overdue_for_review(TODAY)) == {stale}
    assert not fresh.is_overdue_for_review(TODAY)
    assert stale.is_overdue_for_review(TODAY)


def test_a_programme_never_reviewed_is_overdue_twelve_months_after_its_creation():
    created_today = factories.programme(last_reviewed_on=None)
    entered_a_year_ago = factories.programme(last_reviewed_on=None)
    entered_long_ago = factories.programme(last_reviewed_on=None)
    FundingProgramme.objects.filter(pk=entered_a_year_ago.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=365)
    )
    FundingProgramme.objects.filter(pk=entered_long_ago.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=367)
    )
    today = timezone.localdate()
    assert set(FundingProgramme.objects.overdue_for_review(today)) == {entered_long_ago}
    assert not created_today.is_overdue_for_review(today)
    for programme in FundingProgramme.objects.all():
        assert programme.is_overdue_for_review(today) == (programme == entered_long_ago)


def test_slug_is_made_from_the_title_the_german_way():
    programme = factories.programme(title="Förderung für Ärztinnen in Großenhain")
    assert programme.slug == "foerderung-fuer-aerztinnen-in-grossenhain"


def test_slugs_are_unique():
    factories.programme(slug="hausarztstipendium")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.programme(slug="hausarztstipendium")


def test_validity_must_not_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.programme(valid_from=TODAY, valid_until=TODAY - datetime.timedelta(days=1))


def test_an_amount_needs_a_unit():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.programme(amount=1000, amount_unit="")


def test_money_is_comparable_per_month_and_over_the_funded_period():
    from decimal import Decimal

    from funding.models import AmountUnit, FundingProgramme

    monthly = FundingProgramme(
        amount=Decimal("1000"), amount_unit=AmountUnit.MONTHLY, duration_months=75
    )
    yearly = FundingProgramme(
        amount=Decimal("6000"), amount_unit=AmountUnit.YEARLY, duration_months=30
    )
    once = FundingProgramme(amount=Decimal("15000"), amount_unit=AmountUnit.ONCE)
    open_ended = FundingProgramme(amount=Decimal("400"), amount_unit=AmountUnit.MONTHLY)

    assert (monthly.monthly_amount(), monthly.total_amount()) == (Decimal("1000"), Decimal("75000"))
    assert (yearly.monthly_amount(), yearly.total_amount()) == (Decimal("500"), Decimal("15000"))
    assert (once.monthly_amount(), once.total_amount()) == (None, Decimal("15000"))
    assert open_ended.total_amount() is None  # the source gives no duration: never guessed


def test_a_semester_range_admits_only_its_semesters():
    from funding.models import FundingProgramme

    stipend = FundingProgramme(semester_min=1, semester_max=8)
    later = FundingProgramme(semester_min=5)

    assert [stipend.admits_semester(s) for s in (1, 8, 9)] == [True, True, False]
    assert [later.admits_semester(s) for s in (4, 12)] == [False, True]
    assert FundingProgramme().admits_semester(3) is None
