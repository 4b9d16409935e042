"""Each network page needs the same number of queries with few or many partners."""

import pytest
from django.core.cache import cache

from network.models import PartnerCategory
from tests import factories

pytestmark = pytest.mark.django_db

BUDGET = {
    "index": 1,
    # The list also counts confirmed partners and providers among the results (one aggregate).
    "list": 6,
    "list_filtered": 6,
    # Partner, contacts, contact points, and funding's programme cards: programmes, their
    # stages, districts, application windows and the towns of town offers.
    "detail": 8,
    "steering_group": 1,
    "office": 1,
}


def fill(count, districts, provider, start=0):
    categories = list(PartnerCategory)
    for number in range(start, start + count):
        partner = factories.partner(
            name=f"Partner {number:03d}",
            category=categories[number % len(categories)],
            district=districts[number % len(districts)] if number % 3 else None,
        )
        if number % 10 == 0:
            factories.steering_seat(partner, position=number)
        factories.contact(provider)
        factories.programme(provider=provider, districts=districts[: number % 3])


def pages(provider, district):
    return {
        "index": "/netzwerk/",
        "list": "/netzwerk/partner/",
        "list_filtered": f"/netzwerk/partner/?kategorie=versorgung&kategorie=kommune"
        f"&kreis={district.slug}&kreis=sachsenweit&page=2&junk=1",
        "detail": provider.get_absolute_url(),
        "steering_group": "/netzwerk/lenkungsgruppe/",
        "office": "/netzwerk/koordinierungsstelle/",
    }


def measure(django_assert_max_num_queries, client, name, url):
    cache.clear()  # measure rendering, not the page cache
    with django_assert_max_num_queries(BUDGET[name]) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_network_pages_need_the_same_queries_for_20_and_300_partners(
    client, django_assert_max_num_queries
):
    districts = [factories.district(), factories.district()]
    provider = factories.partner(name="Anbieter", district=districts[0])
    factories.coordination_office(host=provider)
    fill(20, districts, provider)
    small = {
        name: measure(django_assert_max_num_queries, client, name, url)
        for name, url in pages(provider, districts[0]).items()
    }
    fill(280, districts, provider, start=20)
    large = {
        name: measure(django_assert_max_num_queries, client, name, url)
        for name, url in pages(provider, districts[0]).items()
    }
    print("queries per network page (20 partners, 300 partners):", small, large)
    assert small == large
