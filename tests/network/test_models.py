"""The partner rules the office's work list relies on."""

import datetime

import pytest
from django.utils import timezone

from network.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_partner_created_today_is_not_overdue_for_confirmation():
    created_today = factories.partner(last_confirmed=None)
    today = timezone.localdate()
    assert not Partner.objects.overdue_for_review(today).exists()
    assert not created_today.is_overdue_for_review(today)


def test_a_partner_is_overdue_twelve_months_after_its_last_confirmation_or_creation():
    today = timezone.localdate()
    confirmed_a_year_ago = factories.partner(last_confirmed=today - datetime.timedelta(days=365))
    confirmed_long_ago = factories.partner(last_confirmed=today - datetime.timedelta(days=366))
    never_confirmed_long_ago = factories.partner(last_confirmed=None)
    Partner.objects.filter(pk=never_confirmed_long_ago.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=367)
    )
    overdue = {confirmed_long_ago, never_confirmed_long_ago}
    assert set(Partner.objects.overdue_for_review(today)) == overdue
    for partner in Partner.objects.all():
        assert partner.is_overdue_for_review(today) == (partner in overdue)
    assert not confirmed_a_year_ago.is_overdue_for_review(today)
