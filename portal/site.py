"""The site's own address, built one way for pages, feeds, exports and e-mails."""

from django.conf import settings


def absolute_url(path="", request=None):
    """``path`` on this site as an absolute URL: ``absolute_url("/foerderungen/")``.

    With a request, on the scheme and host it came in on (a feed, a calendar, the export, an
    invitation sent from the admin); without one (e-mails from commands and tasks), on
    ``settings.SITE_URL``. ``absolute_url()`` is the site's address without a trailing slash.
    """
    base = request.build_absolute_uri("/").rstrip("/") if request is not None else settings.SITE_URL
    return f"{base}{path}"
