from django.contrib import admin

from alerts.models import Digest, Subscription


class DigestInline(admin.TabularInline):
    model = Digest
    fields = ["period", "item_count", "sent_at", "attempts", "last_error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """For requests by mail ("please delete my address"): find and delete; nothing to edit."""

    list_display = ["email", "query", "frequency", "language", "created_at", "confirmed_at"]
    list_filter = ["frequency", "language", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "query", "frequency", "language", "created_at", "confirmed_at"]
    inlines = [DigestInline]

    def has_add_permission(self, request):
        return False
