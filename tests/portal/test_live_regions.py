"""The result count of a list page is a heading; changes are announced by a live region apart.

``<h2 role="status">`` turned the heading into a status for screen readers, so it was missing
from their list of headings (attack of 07.12.2026, axe/Lighthouse finding).
"""

import pytest

from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/netzwerk/partner/", "/veranstaltungen/", "/suche/?q=Stipendium"])
def test_the_result_count_stays_a_heading(client, reference_data, url):
    page = parse(client.get(url))

    heading = page.find(id="results-title")
    assert heading.name == "h2"
    assert not heading.has_attr("role")
    assert not page.select("h1[role], h2[role], h3[role]")
    assert page.select('[role="status"][data-finder-live]')
