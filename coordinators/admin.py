"""Admin for regional coordinators, their funding bases and the regional conferences."""

from django.contrib import admin

from coordinators.models import (
    CoordinationContactPoint,
    FundingBasis,
    RegionalConference,
    RegionalCoordinator,
)
from portal.admin import ContactPointInline
from portal.history import ReadableHistoryAdmin


class CoordinationContactPointInline(ContactPointInline):
    model = CoordinationContactPoint


@admin.register(FundingBasis)
class FundingBasisAdmin(ReadableHistoryAdmin):
    list_display = ["name", "legal_basis", "start_date", "end_date", "max_amount_per_year"]
    search_fields = ["name", "legal_basis", "funder"]


@admin.register(RegionalCoordinator)
class RegionalCoordinatorAdmin(ReadableHistoryAdmin):
    list_display = ["district", "status", "model_region", "organisation", "since", "until"]
    list_filter = ["status", "district", "funding_bases"]
    search_fields = ["district__name", "model_region", "organisation", "contact_name"]
    autocomplete_fields = ["district"]
    filter_horizontal = ["funding_bases"]
    list_select_related = ["district"]
    inlines = [CoordinationContactPointInline]


@admin.register(RegionalConference)
class RegionalConferenceAdmin(ReadableHistoryAdmin):
    list_display = ["district", "status", "initiated_on"]
    list_filter = ["status"]
    search_fields = ["district__name", "members"]
    autocomplete_fields = ["district"]
    list_select_related = ["district"]
