"""Forms of the purchasing pages: agencies, focal points, purchases, budgets, packages and imports."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahabat.core import uploads
from sahabat.purchasing.imports import IMPORT_MAX_ROWS
from sahabat.purchasing.models import Agency, ProcurementPackage, Purchase, PurchasingImport
from sahabat.purchasing.selectors import PurchaseFilters
from sahabat.regions.models import Region
from sahabat.registry.forms import PHOTO_MAX_BYTES, RupiahField
from sahabat.registry.parsing import parse_digits

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgencyForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=30, help_text=_("The agency's code in the regional budget.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    head_name = forms.CharField(label=_("Head of agency"), max_length=150, required=False)
    asn_count = forms.IntegerField(
        label=_("Number of ASN"),
        min_value=0,
        help_text=_("Civil servants working at the agency; ranks purchases per ASN."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @classmethod
    def initial_for(cls, agency: Agency) -> dict:
        return {name: getattr(agency, name) for name in cls.base_fields}


class FocalPointForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("The person receives an e-mail to choose a password.")
    )


class BudgetForm(forms.Form):
    year = forms.IntegerField(min_value=2018, max_value=2100, widget=forms.HiddenInput)
    goods_services_budget = RupiahField(
        label=_("Goods and services budget (Rp)"), help_text=_("The pagu belanja barang/jasa, e.g. 12,5 M.")
    )


class PackageForm(forms.Form):
    rup_code = forms.CharField(label=_("RUP code"), max_length=30)
    name = forms.CharField(label=_("Package name"), max_length=300)
    value = RupiahField(label=_("Package value (Rp)"))
    method = forms.ChoiceField(label=_("Method"), choices=ProcurementPackage.Method.choices)
    reserved_for_small = forms.BooleanField(
        label=_("Reserved for micro and small enterprises and cooperatives"), required=False
    )
    realised = RupiahField(
        label=_("Realised spend (Rp)"),
        required=False,
        help_text=_("What has been paid so far; at most the value."),
    )
    supplier_nib = forms.CharField(
        label=_("Supplier's NIB (UMKM)"),
        required=False,
        max_length=20,
        help_text=_("Optional: the NIB of the UMKM that supplies the package, to link it to the register."),
    )

    @classmethod
    def initial_for(cls, package: ProcurementPackage, supplier_nib: str) -> dict:
        values = {
            name: getattr(package, name)
            for name in ("rup_code", "name", "value", "method", "reserved_for_small")
        }
        return {**values, "realised": package.realised, "supplier_nib": supplier_nib}

    def clean_realised(self):
        return self.cleaned_data["realised"] or 0

    def clean_supplier_nib(self):
        return parse_digits(self.cleaned_data["supplier_nib"], length=13, field_code="nib", label="NIB") or ""


class PurchaseFilterForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    q = forms.CharField(label=_("UMKM"), required=False, max_length=100)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Purchase.Channel.choices], required=False
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].empty_label = _("All agencies")

    def filters(self) -> PurchaseFilters:
        data = self.cleaned_data if self.is_valid() else {}
        agency = data.get("agency")
        return PurchaseFilters(
            agency_id=agency.pk if agency else None,
            enterprise_search=data.get("q") or "",
            channel=data.get("channel") or "",
            since=data.get("since"),
            until=data.get("until"),
        )


class PurchaseForm(forms.Form):
    """One purchase. `agencies` are the agencies the recorder may choose (one for a focal point)."""

    agency = forms.ModelChoiceField(label=_("Agency of the buyer"), queryset=Agency.objects.none())
    enterprise = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": _("Choose the UMKM.")}
    )
    purchased_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    buyer_nip = forms.CharField(
        label=_("Buyer's NIP"),
        max_length=30,
        help_text=_("18 digits, spaces allowed: 19850312 201001 2 001."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    amount = RupiahField(label=_("Amount (Rp)"), help_text=_("E.g. 150.000, 150 rb or 1,5 jt."))
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Purchase.Channel.choices, initial=Purchase.Channel.SHOP
    )
    description = forms.CharField(label=_("What was bought"), max_length=300, required=False)
    receipt = forms.ImageField(
        label=_("Receipt photo"),
        required=False,
        help_text=_("Optional: JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, agencies, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].label_from_instance = lambda agency: (
            agency.name if agency.region_id == region.pk else f"{agency.name} ({agency.region.name})"
        )
        if len(agencies) == 1:
            # A focal point's agency is set: no blank choice to pick by mistake.
            self.fields["agency"].empty_label = None
        self.fields["purchased_on"].initial = timezone.localdate(timezone=region.tzinfo)

    def clean_receipt(self):
        return uploads.clean_upload(
            self.cleaned_data.get("receipt"), kinds=uploads.PHOTOS, max_bytes=PHOTO_MAX_BYTES, code="receipt"
        )

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "agency_id": data["agency"].pk,
            "enterprise_id": data["enterprise"],
            "purchased_on": data["purchased_on"],
            "buyer_nip": data["buyer_nip"],
            "amount": data["amount"],
            "channel": data["channel"],
            "description": data["description"],
            "receipt": data.get("receipt") or None,
        }


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"), choices=PurchasingImport.Kind.choices, widget=forms.RadioSelect
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_(
            "Leave empty when the file has an agency column (OPD or Satuan Kerja) naming each row's agency."
        ),
    )
    year = forms.IntegerField(
        label=_("Budget year"),
        min_value=2018,
        max_value=2100,
        required=False,
        help_text=_("For procurement packages: the budget year of the file."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, agencies, agency_fixed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Excel (.xlsx) or CSV, at most %(rows)d rows.") % {
            "rows": IMPORT_MAX_ROWS
        }
        self.fields["agency"].queryset = agencies
        self.fields["agency"].empty_label = _("Named in the file (agency column)")
        if agency_fixed:
            self.fields["agency"].required = True
            self.fields["agency"].help_text = ""
            self.fields["agency"].empty_label = None
