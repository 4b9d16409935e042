"""After go-live on aerzte-fuer-sachsen.de no link to the old site ends in the portal's 404.

The attack of 07.12.2026 found 18 „Quelle“ links to the old site in the reference data: 11 would
have got the portal's 404, 7 use ``www.`` (nginx redirects that to the apex, test_nginx).
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from pages.old_site import ARCHIVE

pytestmark = pytest.mark.django_db

# A backslash ends an address too: inside the fixtures' JSON, HTML's quotes are escaped (\").
OLD_SITE = re.compile(r"https?://(?:www\.)?aerzte-fuer-sachsen\.de(/[^\"'\s)<>\]\\]*)?")


def linked_old_paths():
    paths = set()
    for fixture in (Path(settings.BASE_DIR) / "fixtures").rglob("*"):
        if fixture.is_file():
            paths |= {
                m.group(1) or "/" for m in OLD_SITE.finditer(fixture.read_text(errors="ignore"))
            }
    return sorted(paths)


def test_the_reference_data_links_the_old_site():
    assert len(linked_old_paths()) >= 15


@pytest.mark.parametrize("path", linked_old_paths())
def test_every_old_address_in_the_reference_data_leads_somewhere(client, reference_data, path):
    response = client.get(path)
    if response.status_code == 200:  # the portal's own page (the home page)
        return
    assert response.status_code == 301
    location = response["Location"]
    if location.startswith(ARCHIVE):
        assert location == ARCHIVE + urlsplit(path).path
    else:
        assert client.get(location).status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/de/rund-ums-studium/praktisches-jahr.php", "/fuer/pj/"),
        ("/de/rund-ums-studium/", "/fuer/studium/"),
        ("/de/an-die-arbeit/berufseinstieg-weiterbildung.php", "/fuer/weiterbildung/"),
        ("/de/an-die-arbeit/in-der-praxis.php", "/fuer/niederlassung/"),
        ("/foerdungen/niederlassung.php", "/fuer/niederlassung/"),
        ("/netzwerk/ziele.php", "/netzwerk/"),
        (
            "/de/an-die-arbeit/auslaendische-aerzte.php",
            f"{ARCHIVE}/de/an-die-arbeit/auslaendische-aerzte.php",
        ),
        (
            "/foreign-doctors/basic-information.php",
            f"{ARCHIVE}/foreign-doctors/basic-information.php",
        ),
        (
            "/de/whats-up-doc/news/2024/x.php?seite=2",
            f"{ARCHIVE}/de/whats-up-doc/news/2024/x.php?seite=2",
        ),
        ("/service/aktuelles/", f"{ARCHIVE}/service/aktuelles/"),
    ],
)
def test_the_old_sections_lead_to_the_portal_or_the_archive(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_the_portals_own_addresses_are_not_redirected(client, reference_data):
    assert client.get("/netzwerk/").status_code == 200
    assert client.get("/foerderungen/").status_code == 200
