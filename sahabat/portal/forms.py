"""The catalogue's search and filter form: turns the query string into `CatalogueFilters`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.portal.models import CatalogueEntry
from sahabat.portal.selectors import CatalogueFilters, catalogue_districts, catalogue_regions
from sahabat.registry.forms import RupiahField
from sahabat.registry.models import Product, Sector

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("name", _("Name A–Z")),
    ("price", _("Lowest price")),
    ("-price", _("Highest price")),
    ("newest", _("Newest")),
]


class CatalogueForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (CatalogueEntry.Kind.PRODUCT, _("Products")),
            (CatalogueEntry.Kind.ENTERPRISE, _("Businesses")),
        ],
        widget=forms.RadioSelect,
    )
    region = forms.ChoiceField(label=_("Regency or city"), required=False)
    district = forms.TypedChoiceField(label=_("District"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Category"), required=False)
    halal = forms.BooleanField(label=_("Halal only"), required=False)
    price_min = RupiahField(label=_("Price from (Rp)"), required=False)
    price_max = RupiahField(label=_("Price up to (Rp)"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, **kwargs):
        # Always bound, products by default, so that the page and its links agree on what is shown.
        data = data.copy()
        if data.get("kind") not in CatalogueEntry.Kind.values:
            data["kind"] = CatalogueEntry.Kind.PRODUCT
        super().__init__(data, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("e.g. batik, kopi, keripik"), "autocomplete": "off"}
        )
        self.fields["region"].choices = [
            ("", _("All regions")),
            *((r.code, r.name) for r in catalogue_regions()),
        ]
        region = self.data.get("region", "")
        districts = catalogue_districts(region_code=region) if region else []
        self.fields["district"].choices = [("", _("All districts")), *((d.pk, d.name) for d in districts)]
        kind = self.data.get("kind") or CatalogueEntry.Kind.PRODUCT
        choices = Sector.choices if kind == CatalogueEntry.Kind.ENTERPRISE else Product.Category.choices
        self.fields["category"].choices = [("", _("All categories")), *choices]
        for name in ("price_min", "price_max"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def filters(self) -> CatalogueFilters:
        """The filters of a valid form; a value the form does not know (a hand-edited URL) is ignored."""
        self.is_valid()
        data = self.cleaned_data
        return CatalogueFilters(
            query=data.get("q") or "",
            kind=data.get("kind") or CatalogueEntry.Kind.PRODUCT,
            region=data.get("region") or "",
            district=data.get("district"),
            category=data.get("category") or "",
            halal=bool(data.get("halal")),
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            sort=data.get("sort") or "",
        )
