"""The Django admin for platform superusers: indicators can be corrected here."""

from django.contrib import admin

from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "unit", "direction", "kind", "computation")
    list_filter = ("kind", "direction")
    search_fields = ("name", "source")
    raw_id_fields = ("region", "owner_agency")
    inlines = (TargetInline,)


@admin.register(Realisation)
class RealisationAdmin(admin.ModelAdmin):
    list_display = ("indicator", "measured_on", "value")
    raw_id_fields = ("indicator",)
    readonly_fields = ("recorded_by", "created_at")
