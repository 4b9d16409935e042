"""No public page sets a cookie, except the forms that need CSRF protection (and only that one)."""

import pytest

from tests.portal.test_crawl import internal_links

pytestmark = pytest.mark.django_db

# Forms that POST with a CSRF token: the alert subscription and manage pages, the contact form,
# and the partner area's login and password pages (not public content).
FORM_PREFIXES = (
    "/benachrichtigungen/",
    "/en/benachrichtigungen/",
    "/kontakt/",
    "/en/kontakt/",
    "/partnerbereich/",
    "/en/partnerbereich/",
)
MAX_PAGES = 400


def test_crawled_public_pages_set_no_cookie_outside_the_forms(client, reference_data):
    from tests import factories

    factories.event(title="Kommende Veranstaltung")
    seen, queue, cookie_pages = {"/"}, ["/", "/en/", "/veranstaltungen/archiv/"], {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        client.cookies.clear()
        response = client.get(url)
        if response.cookies:
            cookie_pages[url] = set(response.cookies)
        if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        for link in internal_links(url, response.content.decode()):
            if link not in seen and not link.startswith(("/admin/", "/static/")):
                seen.add(link)
                queue.append(link)

    outside_forms = {
        url: names for url, names in cookie_pages.items() if not url.startswith(FORM_PREFIXES)
    }
    assert outside_forms == {}
    assert any(url.startswith("/benachrichtigungen/") for url in seen)  # the crawl reached them
    assert {name for names in cookie_pages.values() for name in names} <= {"csrftoken"}
