from django.contrib import admin

from sahabat.reports.models import Letterhead, ReportFile, Schedule


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    list_display = ("region", "office", "updated_at")


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin):
    list_display = ("region", "kind", "period", "format", "status", "created_at")
    list_filter = ("kind", "format", "status")
    readonly_fields = [field.name for field in ReportFile._meta.fields]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("region", "kind", "format", "is_active", "last_period")
    list_filter = ("kind", "format", "is_active")
