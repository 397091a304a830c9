"""Admin for the region tree: browse and search only, since the decree is the one source of truth."""

from django.contrib import admin

from sahabat.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "timezone", "postal_code")
    list_filter = ("level", "kind", "timezone")
    search_fields = ("code", "name")
    readonly_fields = (
        "code",
        "name",
        "level",
        "kind",
        "parent",
        "timezone",
        "postal_code",
        "latitude",
        "longitude",
        "code_version",
    )
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
