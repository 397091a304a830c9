"""The Django admin for platform superusers: a look behind the pages, never a way around the rules.

Purchases show the masked NIP only, and are read-only: a purchase is recorded through the service,
which checks the NIP, the enterprise and the event ledger. Packages are read-only for the same reason
(realised spend within the value, a budget for the year).
"""

from django.contrib import admin

from sahabat.purchasing.models import (
    Agency,
    ProcurementBudget,
    ProcurementPackage,
    Purchase,
    PurchasingImport,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "region", "asn_count", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "short_name", "code")
    raw_id_fields = ("region",)


@admin.register(ProcurementBudget)
class ProcurementBudgetAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "goods_services_budget")
    list_filter = ("year",)


@admin.register(ProcurementPackage)
class ProcurementPackageAdmin(ReadOnlyAdmin):
    list_display = ("rup_code", "name", "agency", "year", "value", "realised", "reserved_for_small", "method")
    list_filter = ("year", "reserved_for_small", "method")
    search_fields = ("rup_code", "name")


@admin.register(Purchase)
class PurchaseAdmin(ReadOnlyAdmin):
    list_display = ("purchased_on", "agency", "enterprise", "buyer_nip_masked", "amount", "channel", "source")
    list_filter = ("channel", "source")
    fields = (
        "region",
        "agency",
        "enterprise",
        "purchased_on",
        "buyer_nip_masked",
        "amount",
        "description",
        "channel",
        "receipt",
        "source",
        "recorded_by",
        "created_at",
    )


@admin.register(PurchasingImport)
class PurchasingImportAdmin(ReadOnlyAdmin):
    list_display = (
        "original_name",
        "kind",
        "region",
        "agency",
        "status",
        "total_rows",
        "rejected_rows",
        "created_at",
    )
    list_filter = ("kind", "status")
    exclude = ("file",)
