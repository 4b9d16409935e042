"""The page types the browser suite visits.

Adding a page type is one line in ``PAGES``. ``{placeholders}`` in a path are filled from the
``site`` fixture (see ``conftest.py``), which names one published object of each kind:
``{programme}``, ``{partner}``, ``{stage}``, ``{district}``. ``user="editor"`` visits the page
logged in as an editor of ``{partner}`` (``"staff"``: as office staff).
"""

from typing import NamedTuple


class PageType(NamedTuple):
    name: str
    path: str
    status: int = 200
    user: str | None = None


PAGES = [
    PageType("home", "/"),
    PageType("finder", "/foerderungen/"),
    PageType("finder-filtered", "/foerderungen/?stufe={stage}&kreis={district}&sort=frist"),
    PageType("finder-empty", "/foerderungen/?q=gibt-es-nicht&kreis=unbekannt"),
    PageType("programme", "/foerderungen/{programme}/"),
    PageType("career-stage", "/fuer/{stage}/"),
    PageType("not-found", "/diese-seite/gibt-es-nicht/", 404),
]

# Admin pages the office uses, visited logged in as staff: they must work under our
# Content-Security-Policy (no blocked script, no console error). ``{user}`` is the staff user.
ADMIN_PAGES = [
    PageType("admin-index", "/admin/"),
    PageType("admin-users", "/admin/auth/user/?q=a"),
    PageType("admin-user-change", "/admin/auth/user/{user}/change/"),
    PageType("admin-user-add", "/admin/auth/user/add/"),
]
