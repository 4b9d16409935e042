"""Admin for partners, their contacts, the steering group, the office and editor access."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from network.admin_review import ChangeProposalAdmin, InvitationAdminMixin
from network.contact_points import PartnerContactPoint
from network.imports import PartnerResource
from network.models import (
    ChangeProposal,
    ContactPerson,
    CoordinationOffice,
    Partner,
    PartnerMembership,
    SteeringGroupSeat,
)
from portal.admin import (
    ContactPointInline,
    GermanSlugAdmin,
    ReviewOverdueFilter,
    StaleDraftFilter,
    archive,
    mark_confirmed_today,
    publish,
)
from portal.history import ReadableHistoryAdmin
from portal.office_import import OfficeImportExportMixin


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0
    fields = ["name", "role", "email", "phone", "position"]


class PartnerContactPointInline(ContactPointInline):
    model = PartnerContactPoint


class SteeringGroupSeatInline(admin.StackedInline):
    model = SteeringGroupSeat
    extra = 0
    max_num = 1


class MembershipInline(admin.TabularInline):
    model = PartnerMembership
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name = _("Redaktionszugang")


@admin.register(Partner)
class PartnerAdmin(OfficeImportExportMixin, GermanSlugAdmin, ReadableHistoryAdmin):
    resource_classes = [PartnerResource]
    slug_url_name = "network:partner_detail"
    # Fits 1280 px beside the filters: the demo flag is a filter, not a column.
    list_display = [
        "name",
        "category",
        "district",
        "status",
        "is_network_member",
        "confirmed_short",
    ]
    list_display_links = ["name"]

    @admin.display(description=_("Zuletzt bestätigt"), ordering="last_confirmed")
    def confirmed_short(self, partner):
        return date_format(partner.last_confirmed, "d.m.Y") if partner.last_confirmed else "—"

    list_filter = [
        "status",
        ReviewOverdueFilter,
        StaleDraftFilter,
        "is_network_member",
        "category",
        "district",
        "is_demo",
    ]
    search_fields = ["name", "city", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["district"]
    readonly_fields = ["created_at", "updated_at"]
    list_select_related = ["district"]
    inlines = [
        ContactPersonInline,
        PartnerContactPointInline,
        SteeringGroupSeatInline,
        MembershipInline,
    ]
    actions = [
        publish,
        archive,
        mark_confirmed_today(_("Als heute bestätigt markieren")),
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "status", "description", "description_en"]}),
        (_("Adresse und Kontakt"), {"fields": ["district", "street", "postal_code", "city"]}),
        (None, {"fields": ["website", "email", "phone"]}),
        (
            _("Netzwerkpartnerschaft"),
            {"fields": ["is_network_member", "membership_source_url", "member_since"]},
        ),
        (
            _("Pflege"),
            {"fields": ["last_confirmed", "source_url", "office_note", "is_demo"]},
        ),
        (_("Verlauf"), {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(ContactPerson)
class ContactPersonAdmin(ReadableHistoryAdmin):
    list_display = ["name", "role", "partner", "email", "phone"]
    search_fields = ["name", "role", "partner__name", "email"]
    autocomplete_fields = ["partner"]
    list_select_related = ["partner"]


@admin.register(SteeringGroupSeat)
class SteeringGroupSeatAdmin(admin.ModelAdmin):
    list_display = ["partner", "position", "note"]
    list_editable = ["position"]
    autocomplete_fields = ["partner"]
    list_select_related = ["partner"]


@admin.register(CoordinationOffice)
class CoordinationOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "host", "city", "email", "phone"]
    autocomplete_fields = ["host"]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(InvitationAdminMixin, admin.ModelAdmin):
    list_display = ["user", "partner", "created_at"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]


admin.site.register(ChangeProposal, ChangeProposalAdmin)
