"""The Django admin for platform superusers: coaching records can be corrected here."""

from django.contrib import admin

from sahabat.coaching.models import Outcome, Participant, Programme, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("held_on", "title", "district", "venue")
    raw_id_fields = ("district",)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "type", "starts_on", "ends_on")
    list_filter = ("type",)
    search_fields = ("name", "organiser", "partner")
    raw_id_fields = ("region",)
    date_hierarchy = "starts_on"
    inlines = (SessionInline,)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "programme", "joined_on")
    search_fields = ("enterprise__name", "programme__name")
    raw_id_fields = ("programme", "enterprise")


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ("participant", "type", "achieved_on", "reference")
    list_filter = ("type",)
    raw_id_fields = ("participant",)
    readonly_fields = ("licence", "recorded_by", "created_at")
