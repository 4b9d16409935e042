"""Slugs that change keep their old address: a redirect from every language's old URL.

The admin used to pre-fill slugs with Django's own transliteration, which spells „Görlitzer“
as ``gorlitzer``; the portal spells umlauts and ß the German way (``goerlitzer``, see
``portal.text.german_slugify``). ``fix_naive_slugs`` mends such rows in a data migration.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from portal.text import german_slugify


def localised_paths(url_name, slug):
    """The detail page's path for ``slug`` in every language of the site."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(url_name, kwargs={"slug": slug}))
    return paths


def record_move(redirects, url_name, old_slug, new_slug):
    """Redirect the old slug's addresses to the new ones; earlier moves now point there too.

    ``redirects`` is the ``SlugRedirect`` manager (a historical one in migrations).
    """
    for old, new in zip(
        localised_paths(url_name, old_slug), localised_paths(url_name, new_slug), strict=True
    ):
        redirects.filter(old_path=new).delete()
        redirects.filter(new_path=old).update(new_path=new)
        redirects.update_or_create(old_path=old, defaults={"new_path": new})


def naive_slug(text):
    """The slug Django's admin script made of ``text``: umlauts without their dots."""
    return slugify(str(text).replace("ß", "ss").replace("/", " "))


def fix_naive_slugs(model, source_field, url_name, redirects):
    """Give rows whose slug is the naive spelling of their name the German one, with redirects.

    Works with historical models, so data migrations can call it.
    """
    length = model._meta.get_field("slug").max_length
    for row in model._default_manager.all():
        source = getattr(row, source_field)
        german = german_slugify(source)[:length]
        if row.slug == german or row.slug != naive_slug(source)[:length]:
            continue
        new_slug, number = german, 1
        while model._default_manager.filter(slug=new_slug).exclude(pk=row.pk).exists():
            number += 1
            new_slug = f"{german[: length - 4]}-{number}"
        record_move(redirects, url_name, row.slug, new_slug)
        row.slug = new_slug
        row.save(update_fields=["slug"])
