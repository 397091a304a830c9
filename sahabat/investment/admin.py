"""The Django admin for platform superusers: investment records can be corrected here."""

from django.contrib import admin

from sahabat.investment.models import InvestmentProject, Investor, InvestorGathering, Lead


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "sector", "scheme", "status", "value")
    list_filter = ("status", "sector", "scheme")
    search_fields = ("title",)
    raw_id_fields = ("region", "district")


@admin.register(Investor)
class InvestorAdmin(admin.ModelAdmin):
    list_display = ("company", "region", "origin_city", "origin_country")
    search_fields = ("company", "contact_person")
    raw_id_fields = ("region",)


@admin.register(InvestorGathering)
class InvestorGatheringAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "held_on", "place")
    raw_id_fields = ("region",)
    filter_horizontal = ("invitees",)


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("investor", "project", "stage", "furthest_stage", "value", "next_step_on")
    list_filter = ("stage",)
    raw_id_fields = ("investor", "project", "gathering")
    readonly_fields = ("furthest_stage", "stage_changed_at", "created_by", "created_at")
