"""Only the methods a browser or the admin uses reach a view; TRACE and the like get 405."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/", "/foerderungen/", "/en/netzwerk/partner/", "/healthz", "/admin/login/", "/robots.txt"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("method", ["TRACE", "TRACK", "PUT", "PATCH", "DELETE", "CONNECT"])
def test_it_answers_405_to_methods_the_site_does_not_use(page, method):
    response = Client().generic(method, page, data="echo me: Cookie sessionid=geheim")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert b"geheim" not in response.content


@pytest.mark.parametrize("page", ["/", "/foerderungen/", "/healthz"])
def test_it_still_answers_get_and_head(client, page):
    assert client.get(page).status_code == 200
    assert client.head(page).status_code == 200
