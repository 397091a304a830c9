"""The Django admin for platform superusers: the event set-up can be corrected here; the sales ledger
and visitor counts can only be looked at, because they are append-only."""

from django.contrib import admin

from sahabat.events.models import Booth, Event, Participation, Sale, VisitorCount, Zone


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0
    fields = ("code", "name")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "main_start", "main_end", "window_start", "window_end", "status")
    list_filter = ("status",)
    search_fields = ("name", "venue")
    raw_id_fields = ("region",)
    date_hierarchy = "main_start"
    inlines = (ZoneInline,)


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ("code", "event", "zone", "category")
    list_filter = ("event",)
    search_fields = ("code",)
    raw_id_fields = ("event", "zone")


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "event", "booth", "status", "created_at", "decided_at")
    list_filter = ("status", "event")
    search_fields = ("enterprise__name",)
    raw_id_fields = ("event", "enterprise", "booth", "invited_by")
    readonly_fields = ("created_at",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Sale)
class SaleAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "event", "booth", "enterprise", "amount", "payment_method", "buyer_type")
    list_filter = ("event", "payment_method", "buyer_type")
    search_fields = ("booth__code", "enterprise__name", "client_uuid")
    date_hierarchy = "occurred_at"
    list_select_related = ("event", "booth", "enterprise")


@admin.register(VisitorCount)
class VisitorCountAdmin(ReadOnlyAdmin):
    list_display = ("period_start", "period_end", "event", "gate", "count")
    list_filter = ("event", "gate")
    date_hierarchy = "period_start"
