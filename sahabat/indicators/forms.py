"""Forms of the indicator pages. They translate what people type; the services check and write.

Figures are typed the Indonesian way: dots group thousands and a comma marks decimals (1.200 is one
thousand two hundred, 12,5 is twelve and a half), as `parse_figure` reads them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sahabat.core.money import number
from sahabat.events.forms import DateInput
from sahabat.indicators.computations import computation_choices
from sahabat.indicators.models import Indicator
from sahabat.indicators.pace import Status
from sahabat.indicators.selectors import IndicatorFilters
from sahabat.indicators.services import INDICATOR_FIELDS, TARGET_FIELDS

_PLAIN = re.compile(r"^-?\d+$")
_FRACTION = re.compile(r"^\d+$")


def _grouped(integer: str, separator: str) -> bool:
    """`1.234.567` with `.` (or `1,234` with `,`): groups of exactly three digits after the first."""
    return re.fullmatch(rf"-?\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+", integer) is not None


def parse_figure(value: str) -> Decimal | None:
    """`1.200` → 1200, `12,5` → 12.5, `1.234.567,89` → 1234567.89, `1,234.5` → 1234.5; blank → None.

    As for money (docs/rules.md), a lone dot followed by exactly three digits groups thousands; any
    other lone dot is a decimal point (`1.5`). Spaces and a trailing % are ignored.
    """
    text = str(value).strip().replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if not text:
        return None
    if "," in text and "." in text:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
        integer, _mark, fraction = text.rpartition(mark)
        grouping = "." if mark == "," else ","
        valid = _grouped(integer, grouping) or _PLAIN.match(integer)
    elif text.count(",") == 1:
        integer, _comma, fraction = text.partition(",")
        valid = _PLAIN.match(integer)
    elif "," in text or "." in text:
        separator = "," if "," in text else "."
        if _grouped(text, separator):
            integer, fraction, valid = text.replace(separator, ""), "0", True
        else:
            integer, _dot, fraction = text.partition(".")
            valid = "," not in text and text.count(".") == 1 and _PLAIN.match(integer)
    else:
        integer, fraction, valid = text, "0", _PLAIN.match(text)
    if not valid or not _FRACTION.match(fraction):
        raise ValidationError(_("Enter a number, e.g. 1.200 or 12,5."), code="figure.invalid")
    return Decimal(f"{integer.replace('.', '').replace(',', '')}.{fraction}")


class FigureField(forms.CharField):
    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        return parse_figure(super().to_python(value))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return number(value, fraction_digits=0 if value == value.to_integral_value() else 2)
        return value


class IndicatorFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, source or description")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Indicator.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )
    agency = forms.ModelChoiceField(
        label=_("Responsible agency"), queryset=None, required=False, empty_label=_("All agencies")
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def filters(self) -> IndicatorFilters:
        """The valid part of the query string; a wrong value is ignored rather than refused."""
        self.is_valid()
        data = self.cleaned_data
        agency = data.get("agency")
        return IndicatorFilters(
            search=data.get("q") or "",
            kind=data.get("kind") or "",
            agency_id=agency.pk if agency else None,
            status=data.get("status") or "",
        )

    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.search or filters.kind or filters.agency_id or filters.status)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("e.g. Jalan rusak yang diperbaiki"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Indicator.Kind.choices, widget=forms.RadioSelect)
    computation = forms.ChoiceField(
        label=_("Computed from"),
        required=False,
        help_text=_("Only for a computed indicator: the figure is read live from the platform."),
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=30,
        required=False,
        help_text=_("e.g. km, %, UMKM; a computed indicator takes its own when left empty."),
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Indicator.Direction.choices)
    owner_agency = forms.ModelChoiceField(
        label=_("Responsible agency"), queryset=None, required=False, empty_label=_("None")
    )
    source = forms.CharField(
        label=_("Source"), max_length=200, required=False, help_text=_("e.g. RPJMD 2021–2026, BPS, Dinas PU")
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies
        self.fields["computation"].choices = [("", _("Choose a computation")), *computation_choices()]

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict:
        return {name: getattr(indicator, name) for name in INDICATOR_FIELDS}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in INDICATOR_FIELDS}


class TargetForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period until"), widget=DateInput())
    baseline = FigureField(
        label=_("Baseline"), required=False, help_text=_("The value at the start of the period; empty is 0.")
    )
    target = FigureField(label=_("Target"), help_text=_("The value to reach by the end of the period."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    @classmethod
    def initial_for(cls, target) -> dict:
        return {name: getattr(target, name) for name in TARGET_FIELDS}

    def values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in TARGET_FIELDS}
        values["baseline"] = values["baseline"] or Decimal(0)
        return values


class RealisationForm(forms.Form):
    measured_on = forms.DateField(label=_("Date"), widget=DateInput())
    value = FigureField(
        label=_("Value"), help_text=_("For a running total (km repaired so far), the total on that date.")
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB: a report, minutes, a photo."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def values(self) -> dict:
        return dict(self.cleaned_data)
