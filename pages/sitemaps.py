"""``/sitemap.xml``: every public page, one file per section (``/sitemap-programme.xml``)."""

from events.models import Event
from funding.models import CareerStage, FundingProgramme
from network.models import Partner
from portal.models import District, Gemeinde, Page
from portal.sitemaps import ModelSitemap, StaticViewSitemap

SITEMAPS = {
    "portal": StaticViewSitemap(["portal:home", "portal:regions", "places:index"]),
    "regionen": ModelSitemap(District.objects.order_by("name"), priority=0.6),
    "orte": ModelSitemap(Gemeinde.objects.order_by("slug"), priority=0.5),
    "seiten": ModelSitemap(
        Page.objects.order_by("slug"), "yearly", priority=0.2, date_field="updated_at"
    ),
    "netzwerk": StaticViewSitemap(
        ["network:index", "network:partner_list", "network:steering_group", "network:office"],
        changefreq="monthly",
    ),
    "partner": ModelSitemap(
        Partner.objects.published().order_by("name").only("slug", "updated_at"),
        changefreq="monthly",
        date_field="updated_at",
    ),
    "foerderungen": StaticViewSitemap(
        ["funding:finder", "funding:check", "funding:path", "funding:open_data"], "daily"
    ),
    "karrierestufen": ModelSitemap(CareerStage.objects.order_by("position"), priority=0.7),
    "programme": ModelSitemap(
        FundingProgramme.objects.published().order_by("title").only("slug", "updated_at"),
        priority=0.9,
        date_field="updated_at",
    ),
    "regionalkoordination": StaticViewSitemap(["coordinators:index"], changefreq="monthly"),
    "kontakt": StaticViewSitemap(["contact:form"], changefreq="yearly"),
    "veranstaltungen": StaticViewSitemap(["events:list", "events:archive"], "weekly"),
    "veranstaltung": ModelSitemap(
        Event.objects.published().order_by("slug").only("slug", "updated_at"),
        priority=0.6,
        date_field="updated_at",
    ),
}
