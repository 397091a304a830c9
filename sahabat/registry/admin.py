"""The Django admin for platform superusers: a look behind the pages, never a way around the rules.

Owners show their masked NIK only; the encrypted fields and their blind indexes are not shown.
Changes that have a service (scale, NIB per region) still go through what the service derives.
"""

from django.contrib import admin

from sahabat.registry.models import Enterprise, ImportJob, Licence, Owner, Product
from sahabat.registry.services import enterprise_derive


class LicenceInline(admin.TabularInline):
    model = Licence
    extra = 0
    fields = ("type", "number", "issued_on", "expires_on")


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0
    fields = ("name", "category", "price", "unit", "is_halal", "is_active")


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "region",
        "district",
        "sector",
        "computed_scale",
        "status",
        "source",
        "created_at",
    )
    list_filter = ("status", "sector", "computed_scale", "source")
    search_fields = ("name", "brand")
    raw_id_fields = ("region", "district", "village", "owner")
    readonly_fields = ("computed_scale", "scale_rule", "source", "import_job", "created_at", "updated_at")
    inlines = (LicenceInline, ProductInline)

    def save_model(self, request, obj, form, change):
        enterprise_derive(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A licence carries its enterprise's region, so that one NIB per region is a constraint.
        for licence in formset.save(commit=False):
            if isinstance(licence, Licence):
                licence.region_id = form.instance.region_id
            licence.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()


@admin.register(Owner)
class OwnerAdmin(admin.ModelAdmin):
    list_display = ("name", "nik_masked", "region", "sex", "user")
    search_fields = ("name",)
    fields = (
        "region",
        "name",
        "nik_masked",
        "sex",
        "birth_date",
        "has_disability",
        "user",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("region", "nik_masked", "sex", "birth_date", "created_at", "updated_at")
    raw_id_fields = ("user",)

    def has_add_permission(self, request):
        # A new owner needs its NIK checked and indexed: the register pages and the import do that.
        return False


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ("type", "number", "enterprise", "region", "issued_on", "expires_on")
    list_filter = ("type",)
    search_fields = ("number", "enterprise__name")
    raw_id_fields = ("enterprise",)
    readonly_fields = ("region",)

    def save_model(self, request, obj, form, change):
        obj.region_id = obj.enterprise.region_id
        super().save_model(request, obj, form, change)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "enterprise", "category", "price", "unit", "is_halal", "is_active")
    list_filter = ("category", "is_halal", "is_active")
    search_fields = ("name", "enterprise__name")
    raw_id_fields = ("enterprise",)


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = (
        "original_name",
        "region",
        "status",
        "mode",
        "total_rows",
        "valid_rows",
        "rejected_rows",
        "created_by",
        "created_at",
    )
    list_filter = ("status", "mode")
    search_fields = ("original_name",)
    readonly_fields = tuple(field.name for field in ImportJob._meta.fields)

    def has_add_permission(self, request):
        return False
