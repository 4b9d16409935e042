"""The page types the browser suite visits.

Adding a page type is one line in ``PAGES``. ``{placeholders}`` in a path are filled from the
``site`` fixture (see ``conftest.py``), which names one published object of each kind:
``{programme}``, ``{partner}``, ``{stage}``, ``{district}``, ``{proposal}``, ``{event}``,
``{alert}`` (the manage token of a confirmed alert). ``user="editor"``
visits the page logged in as an editor of ``{partner}`` (``"staff"``: as office staff).
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
    PageType("places", "/orte/?q=01920"),
    PageType("place", "/orte/weisswasser/?stufe=studium&fach=allgemeinmedizin"),
    PageType("finder-filtered", "/foerderungen/?stufe={stage}&kreis={district}&sort=frist"),
    PageType("finder-empty", "/foerderungen/?q=gibt-es-nicht&kreis=unbekannt"),
    PageType("programme", "/foerderungen/{programme}/"),
    PageType("career-stage", "/fuer/{stage}/"),
    PageType("network", "/netzwerk/"),
    PageType("partner-list", "/netzwerk/partner/?kategorie=versorgung&kreis={district}&junk=1"),
    PageType("partner", "/netzwerk/partner/{partner}/"),
    PageType("steering-group", "/netzwerk/lenkungsgruppe/"),
    PageType("office", "/netzwerk/koordinierungsstelle/"),
    PageType("regions", "/regionen/"),
    PageType("district", "/regionen/{district}/"),
    PageType("regional-coordination", "/regionalkoordination/"),
    PageType("search", "/suche/?q=Stipendium&junk=1"),
    PageType("search-empty", "/suche/?q=gibt-es-nicht"),
    PageType("open-data", "/foerderungen/offene-daten/"),
    PageType("check-question", "/foerder-check/?stufe={stage}&schritt=region"),
    PageType("check-result", "/foerder-check/?kreis={district}&schritt=ergebnis"),
    PageType(
        "compare",
        "/foerderungen/vergleich/?p={programme}&p=saechsisches-hausarztstipendium"
        "&p=landarztquote-studienplatz-mit-verpflichtung-zur-hausaerztlichen-taetigkeit",
    ),
    PageType("path", "/weg/?kreis={district}"),
    PageType("check-en", "/en/foerder-check/?schritt=ergebnis"),
    PageType("events", "/veranstaltungen/?stufe={stage}&junk=1"),
    PageType("events-archive", "/veranstaltungen/archiv/"),
    PageType("event", "/veranstaltungen/{event}/"),
    PageType("alert-subscribe", "/benachrichtigungen/?stufe={stage}&kreis={district}"),
    PageType("alert-requested", "/benachrichtigungen/angefordert/"),
    PageType("alert-manage", "/benachrichtigungen/verwalten/{alert}/"),
    PageType("alert-unsubscribe", "/benachrichtigungen/abmelden/{alert}/"),
    PageType("impressum", "/impressum/"),
    PageType("datenschutz", "/datenschutz/"),
    PageType("barrierefreiheit", "/barrierefreiheit/"),
    PageType("contact", "/kontakt/"),
    PageType("contact-report", "/kontakt/?programm={programme}&thema=fehler"),
    PageType("contact-thanks", "/kontakt/danke/"),
    PageType("contact-en", "/en/kontakt/?stufe={stage}"),
    PageType("home-en", "/en/"),
    PageType("finder-en", "/en/foerderungen/?stufe={stage}"),
    PageType("programme-en", "/en/foerderungen/{programme}/"),
    PageType("privacy-en", "/en/datenschutz/"),
    PageType("not-found", "/diese-seite/gibt-es-nicht/", 404),
    PageType("login", "/partnerbereich/anmelden/"),
    PageType("password-reset", "/partnerbereich/passwort/vergessen/"),
    PageType("partner-dashboard", "/partnerbereich/", user="editor"),
    PageType("partner-listing-edit", "/partnerbereich/eintrag/{partner}/", user="editor"),
    PageType("partner-programme-new", "/partnerbereich/programme/neu/", user="editor"),
    PageType(
        "partner-programme-edit", "/partnerbereich/programme/{programme}/bearbeiten/", user="editor"
    ),
    PageType("partner-event-new", "/partnerbereich/veranstaltungen/neu/", user="editor"),
    PageType("partner-password-change", "/partnerbereich/passwort/aendern/", user="editor"),
    PageType("partner-proposal", "/partnerbereich/vorschlaege/{proposal}/", user="editor"),
]

# Admin pages the office uses, visited logged in as staff: they must work under our
# Content-Security-Policy (no blocked script, no console error). ``{user}`` is the staff user,
# the other placeholders are those of ``PAGES``.
ADMIN_PAGES = [
    PageType("admin-index", "/admin/"),
    PageType("admin-users", "/admin/auth/user/?q=a"),
    PageType("admin-user-change", "/admin/auth/user/{user}/change/"),
    PageType("admin-user-add", "/admin/auth/user/add/"),
    PageType("admin-review-queue", "/admin/network/changeproposal/"),
    PageType("admin-review", "/admin/network/changeproposal/{proposal}/change/"),
    PageType("admin-invite-editor", "/admin/network/partnermembership/add/"),
]
