"""The Django admin for platform superusers: agreements with their parties and plans, practices,
adoptions and notifications can be looked at and corrected here."""

from django.contrib import admin

from sahabat.cooperation.models import (
    ActionItem,
    Adoption,
    AdoptionMilestone,
    Agreement,
    AgreementDocument,
    AgreementParty,
    MonitoringReport,
    Notification,
    Practice,
)


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    raw_id_fields = ("region",)


class DocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0
    fields = ("title", "file", "uploaded_at")
    readonly_fields = ("uploaded_at",)


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("title", "type", "status", "signed_on", "valid_from", "valid_until")
    list_filter = ("type", "status")
    search_fields = ("title", "purpose")
    raw_id_fields = ("parent", "region", "created_by")
    inlines = (PartyInline, DocumentInline)


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("title", "agreement", "owner_region", "due_date", "status", "progress")
    list_filter = ("status",)
    search_fields = ("title",)
    raw_id_fields = ("agreement", "owner_region", "agency", "created_by")


@admin.register(MonitoringReport)
class MonitoringReportAdmin(admin.ModelAdmin):
    list_display = ("agreement", "year", "half", "status", "finalised_at")
    list_filter = ("status", "year")
    raw_id_fields = ("agreement", "region", "created_by", "finalised_by")
    readonly_fields = ("snapshot",)


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "is_shared", "updated_at")
    list_filter = ("is_shared",)
    search_fields = ("title", "summary")
    raw_id_fields = ("region", "created_by")


class MilestoneInline(admin.TabularInline):
    model = AdoptionMilestone
    extra = 0


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ("practice", "region", "status", "started_on")
    list_filter = ("status",)
    raw_id_fields = ("practice", "region", "agreement", "created_by")
    inlines = (MilestoneInline,)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "text", "created_at", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("user",)
