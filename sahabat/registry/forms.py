"""Forms of the register pages: list filters, an enterprise with its owner, licences, products, owner access.

The forms translate what people type (money as "1,5 jt", KBLI codes as a list) and check it with the
shared validators; the services validate again and write. Enterprise and product forms are model
forms only for their fields and model checks: they are never saved, the services do the writing.
"""

from __future__ import annotations

import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahabat.core import uploads
from sahabat.core.money import number
from sahabat.regions.models import Region
from sahabat.registry import selectors
from sahabat.registry.models import Enterprise, Licence, Owner, Product, Sector
from sahabat.registry.parsing import parse_rupiah
from sahabat.registry.scale import Scale
from sahabat.registry.selectors import ORDERINGS, EnterpriseFilters
from sahabat.registry.services import ENTERPRISE_FIELDS, PRODUCT_FIELDS, OwnerData
from sahabat.registry.validators import (
    KBLI_VERSIONS,
    licence_number_normalize,
    validate_kbli,
    validate_kbli_code,
    validate_nik,
    validate_phone,
)

PHOTO_MAX_BYTES = uploads.PHOTO_MAX_BYTES
NO_LICENCE = "none"
_KBLI_SEPARATORS = re.compile(r"[\s,;]+")


class RupiahField(forms.CharField):
    """Money typed the way officers write it: 1.500.000, Rp 1,5 jt, 2 M (miliar); whole rupiah out."""

    widget = forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"})

    def to_python(self, value):
        return parse_rupiah(super().to_python(value))

    def prepare_value(self, value):
        return number(value) if isinstance(value, int) else value


class KbliCodesField(forms.CharField):
    """KBLI codes as one line, separated by commas; each is checked alone."""

    def to_python(self, value):
        text = super().to_python(value)
        return [code for code in _KBLI_SEPARATORS.split(text) if code]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def validate(self, value):
        super().validate(value)
        errors = []
        for code in value:
            try:
                validate_kbli_code(code)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)


class PlaceFieldsMixin:
    """District and village selects limited to the region; the village list follows the district.

    Without a chosen district the village select lists every village grouped by district (the
    no-JavaScript fallback); htmx replaces the options when the district changes.
    """

    district_field = "district"
    village_field = "village"

    def _setup_places(self, region: Region, *, blank_village: str, purpose: str = "form") -> None:
        district = self.fields[self.district_field]
        village = self.fields[self.village_field]
        district.queryset = selectors.place_districts(region=region)
        district.widget.attrs.update(
            {
                "hx-get": reverse("registry:village_options"),
                "hx-target": f"#{self[self.village_field].auto_id}",
                "hx-vals": json.dumps({"purpose": purpose}),
            }
        )
        village.queryset = selectors.place_villages(region=region)
        chosen = self._chosen_district()
        villages = selectors.place_villages(region=region, district_id=chosen)
        if chosen and villages:
            choices = [(place.pk, place.name) for place in villages]
        else:
            groups: dict[str, list] = {}
            for place in selectors.place_villages(region=region):
                groups.setdefault(place.parent.name, []).append((place.pk, place.name))
            choices = list(groups.items())
        village.widget.choices = [("", blank_village), *choices]

    def _chosen_district(self) -> int | None:
        value = self.data.get(self.district_field) if self.is_bound else self.initial.get(self.district_field)
        if isinstance(value, Region):
            return value.pk
        return int(value) if str(value or "").isdigit() else None


class EnterpriseFilterForm(PlaceFieldsMixin, forms.Form):
    SORTS = (
        ("name", _("Name (A–Z)")),
        ("-name", _("Name (Z–A)")),
        ("newest", _("Newest first")),
        ("turnover", _("Largest turnover")),
        ("district", _("District")),
    )

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, brand, owner, address; or a 16-digit NIK or 13-digit NIB."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=Region.objects.none(), required=False, empty_label=_("All districts")
    )
    village = forms.ModelChoiceField(label=_("Village"), queryset=Region.objects.none(), required=False)
    scale = forms.ChoiceField(
        label=_("Scale"), required=False, choices=[("", _("All scales")), *Scale.choices]
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        required=False,
        choices=[("", _("All")), *Licence.Type.choices, (NO_LICENCE, _("No licence at all"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Enterprise.Status.choices]
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_places(region, blank_village=str(_("All villages")), purpose="filter")

    def filters(self) -> EnterpriseFilters:
        """The valid part of the query string; a wrong value is ignored rather than refused."""
        self.is_valid()
        data = self.cleaned_data
        district, village = data.get("district"), data.get("village")
        sort = data.get("sort") or "name"
        return EnterpriseFilters(
            search=data.get("q") or "",
            district_id=district.pk if district else None,
            village_id=village.pk if village else None,
            scale=data.get("scale") or "",
            sector=data.get("sector") or "",
            licence=data.get("licence") or "",
            status=data.get("status") or "",
            ordering=sort if sort in ORDERINGS else "name",
        )

    def is_filtered(self) -> bool:
        filters = self.filters()
        return any(
            (
                filters.search,
                filters.district_id,
                filters.village_id,
                filters.scale,
                filters.sector,
                filters.licence,
                filters.status,
            )
        )


class EnterpriseForm(PlaceFieldsMixin, forms.ModelForm):
    """An enterprise with its owner and NIB, as the create and edit pages show it."""

    capital = RupiahField(
        label=_("Business capital (Rp)"),
        required=False,
        help_text=_("Without land and buildings. E.g. 25.000.000 or 25 jt."),
    )
    annual_turnover = RupiahField(
        label=_("Annual turnover (Rp)"),
        required=False,
        help_text=_("E.g. 150.000.000, 150 jt or 1,5 M (miliar)."),
    )
    kbli_codes = KbliCodesField(
        label=_("KBLI codes"),
        required=False,
        help_text=_("5 digits each, separated by commas, e.g. 10792, 47111."),
    )
    kbli_version = forms.TypedChoiceField(
        label=_("KBLI version"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "---------"),
            *[(year, f"KBLI {year} ({source})") for year, source in KBLI_VERSIONS.items()],
        ],
    )
    nib = forms.CharField(
        label=_("NIB"),
        required=False,
        max_length=20,
        help_text=_("Business identity number from OSS, 13 digits."),
    )
    owner_name = forms.CharField(label=_("Owner's name"), required=False, max_length=150)
    nik = forms.CharField(
        label=_("Owner's NIK"),
        required=False,
        max_length=20,
        help_text=_("16 digits. Stored encrypted and shown masked."),
        validators=[validate_nik],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Owner's phone"),
        required=False,
        max_length=30,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(label=_("Owner's e-mail"), required=False)
    owner_address = forms.CharField(label=_("Owner's home address"), required=False, max_length=300)
    has_disability = forms.BooleanField(label=_("The owner is a person with a disability"), required=False)

    OWNER_FIELDS = ("owner_name", "nik", "phone", "email", "owner_address", "has_disability")
    # Personal fields the form leaves empty (and keeps as stored) for those who may not see them.
    PERSONAL_FIELDS = ("nik", "phone", "email", "owner_address")
    FIELDSETS = (
        (_("Business"), ("name", "brand", "sector", "description", "nib", "founding_year", "status")),
        (
            _("Place"),
            (
                "district",
                "village",
                "address",
                "rt",
                "rw",
                "postal_code",
                "latitude",
                "longitude",
                "business_phone",
            ),
        ),
        (_("Activity (KBLI)"), ("kbli_codes", "kbli_version")),
        (_("Size"), ("capital", "annual_turnover", "reported_scale", "workers_male", "workers_female")),
        (_("Owner"), OWNER_FIELDS),
        (_("Public portal"), ("is_public", "whatsapp_public")),
    )

    class Meta:
        model = Enterprise
        fields = ENTERPRISE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args, region: Region, owner: Owner | None = None, personal_visible: bool = True, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.personal_visible = personal_visible
        self._setup_places(region, blank_village="---------")
        self.fields["reported_scale"].choices = [("", _("Not reported")), *Scale.choices]
        self.fields["reported_scale"].help_text = _(
            "The scale the owner states. The scale that counts is computed from capital or turnover."
        )
        if owner is not None and not personal_visible:
            for name in self.PERSONAL_FIELDS:
                self.fields[name].help_text = _("Stored and hidden from you; leave empty to keep it.")
            if owner.nik_masked:
                self.fields["nik"].help_text = _("Stored: %(nik)s. Leave empty to keep it.") % {
                    "nik": owner.nik_masked
                }

    @classmethod
    def initial_for(cls, enterprise: Enterprise, *, nib: str, personal_visible: bool) -> dict:
        initial = model_to_dict(enterprise, fields=ENTERPRISE_FIELDS)
        initial["nib"] = nib
        owner = enterprise.owner
        if owner is not None:
            initial.update(owner_name=owner.name, has_disability=owner.has_disability)
            if personal_visible:
                initial.update(
                    nik=owner.nik, phone=owner.phone, email=owner.email, owner_address=owner.address
                )
        return initial

    def fieldsets(self):
        for legend, names in self.FIELDSETS:
            yield legend, [self[name] for name in names]

    def clean_nib(self):
        value = self.cleaned_data["nib"].strip()
        return licence_number_normalize("nib", value) if value else ""

    def clean(self):
        data = super().clean()
        codes, version = data.get("kbli_codes"), data.get("kbli_version")
        if codes and not version:
            self.add_error("kbli_version", _("Choose the KBLI edition these codes come from."))
        elif codes:
            for code in codes:
                try:
                    validate_kbli(code, version)
                except ValidationError as error:
                    self.add_error("kbli_codes", error)
        return data

    def enterprise_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ENTERPRISE_FIELDS}

    def owner_data(self) -> OwnerData | None:
        """The owner as typed; None when no owner is given; hidden fields left empty keep their value."""
        data = self.cleaned_data
        typed = {name: data.get(name) for name in self.OWNER_FIELDS}
        if self.owner is None and not any(typed.values()):
            return None
        if self.owner is not None and not self.personal_visible:
            stored = {
                "nik": self.owner.nik,
                "phone": self.owner.phone,
                "email": self.owner.email,
                "owner_address": self.owner.address,
            }
            typed.update({name: typed[name] or stored[name] for name in self.PERSONAL_FIELDS})
        return OwnerData(
            name=typed["owner_name"] or "",
            nik=typed["nik"] or "",
            phone=typed["phone"] or "",
            email=typed["email"] or "",
            address=typed["owner_address"] or "",
            has_disability=bool(typed["has_disability"]),
        )


class ProductForm(forms.ModelForm):
    price = RupiahField(label=_("Price (Rp)"), help_text=_("E.g. 25.000 or 25 rb."))

    class Meta:
        model = Product
        fields = PRODUCT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        help_texts = {"photo": _("JPEG, PNG or WebP, at most 5 MB.")}

    @classmethod
    def initial_for(cls, product: Product) -> dict:
        return model_to_dict(product, fields=PRODUCT_FIELDS)

    def clean_photo(self):
        return uploads.clean_upload(
            self.cleaned_data.get("photo"), kinds=uploads.PHOTOS, max_bytes=PHOTO_MAX_BYTES, code="photo"
        )

    def product_values(self) -> dict:
        """The values for the service; a photo that was not touched is left out, a cleared one is empty."""
        values = {name: self.cleaned_data[name] for name in PRODUCT_FIELDS if name != "photo"}
        photo = self.cleaned_data.get("photo")
        if photo is False:
            values["photo"] = ""
        elif isinstance(photo, UploadedFile):
            values["photo"] = photo
        return values


class LicenceForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=Licence.Type.choices)
    number = forms.CharField(label=_("Number"), max_length=60)
    issued_on = forms.DateField(
        label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class OwnerAccessForm(forms.Form):
    email = forms.EmailField(
        label=_("Owner's e-mail address"),
        help_text=_("The owner receives an e-mail to choose a password, then keeps this business's data."),
    )
