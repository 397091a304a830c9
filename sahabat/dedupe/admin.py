"""Read-only views of duplicate searches and merges for superusers; decisions belong to the review pages."""

from django.contrib import admin

from sahabat.dedupe.models import DedupeRun, Merge


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DedupeRun)
class DedupeRunAdmin(ReadOnlyAdmin):
    list_display = (
        "region",
        "created_at",
        "status",
        "threshold",
        "records",
        "groups",
        "seconds",
        "started_by",
    )
    list_filter = ("status",)


@admin.register(Merge)
class MergeAdmin(ReadOnlyAdmin):
    list_display = ("golden", "region", "created_at", "created_by", "undone_at")
    list_filter = ("undone_at",)
    raw_id_fields = ("golden",)
