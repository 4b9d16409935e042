"""Where the other apps plug their parts into the portal's site-wide pages.

``portal`` is the base every app builds on and imports none of them. Pages that show several
apps' data (home, a district, the regions table, site search, sitemap) ask these registries,
which ``funding``, ``network`` and ``coordinators`` fill in their ``AppConfig.ready()``.
"""


class Registry:
    """An ordered collection of contributions, each with an ``order`` attribute."""

    def __init__(self):
        self._items = []

    def register(self, item):
        self._items.append(item)
        self._items.sort(key=lambda entry: getattr(entry, "order", 100))
        return item

    def __iter__(self):
        return iter(self._items)


# Sections of the home page: objects with ``order``, ``template_name`` and
# ``get_context(request) -> dict``.
home_sections = Registry()

# Sections of a district page: ``order``, ``template_name``, ``get_context(request, district)``.
district_sections = Registry()

# Columns of the regions table: ``order``, ``heading`` and ``values(districts) -> {pk: text}``,
# computed for all districts in a constant number of queries.
district_columns = Registry()


# Sections appended to an office-edited page: ``order``, ``page_slug``, ``template_name`` and
# ``get_context(request, page)`` (the contact app describes its messages on "datenschutz").
page_sections = Registry()

# Read-only panels a later app shows on an earlier app's admin change form: ``model``
# ("app_label.model"), ``title`` and ``display(obj) -> HTML``; read by
# ``portal.admin.ContributedPanelsMixin``.
admin_panels = Registry()

# The site-wide search index: ``portal.search_index.Indexer`` objects, one per kind of record.
search_indexers = Registry()

# Sitemaps: name → django.contrib.sitemaps.Sitemap subclass.
sitemaps = {}

# The office's work list on the admin start page: ``portal.worklist.WorkLine`` entries.
work_lines = Registry()
