"""The Django admin works under the site's Content-Security-Policy.

Only script and policy errors count here: the admin's pages have no icon link, so Chromium's
request for ``/favicon.ico`` ends in a 404 that says nothing about the policy.
"""

import pytest

from tests.browser.pages import ADMIN_PAGES
from tests.browser.support import DESKTOP

pytestmark = pytest.mark.system


@pytest.fixture
def staff(site):
    return site["users"]["staff"]


@pytest.fixture
def admin_tab(staff, open_tab):
    """A tab logged in through the admin's own login form."""
    visit = open_tab(DESKTOP)
    visit.open("/admin/login/")
    visit.page.fill("#id_username", staff.username)
    visit.page.fill("#id_password", "x-Test-1234")
    with visit.page.expect_navigation():
        visit.page.click("input[type=submit]")
    assert visit.page.url.endswith("/admin/")
    return visit


def csp_violations(visit):
    return [
        message.text
        for message in visit.console_errors
        if "Content Security Policy" in message.text or "Refused to" in message.text
    ]


def test_admin_login_form_logs_staff_in_without_blocked_scripts(admin_tab):
    assert "koordination" in admin_tab.page.locator("#user-tools").text_content()
    assert admin_tab.failed_requests == []
    assert csp_violations(admin_tab) == []
    assert admin_tab.page_errors == []


@pytest.mark.parametrize("page_type", ADMIN_PAGES, ids=[page.name for page in ADMIN_PAGES])
def test_admin_page_runs_its_scripts_under_our_csp(page_type, admin_tab, staff, site):
    response = admin_tab.open(page_type.path.format_map(site | {"user": staff.pk}))

    assert response.status == page_type.status
    assert admin_tab.failed_requests == []
    assert csp_violations(admin_tab) == []
    assert admin_tab.page_errors == []
    assert admin_tab.foreign_requests() == []
