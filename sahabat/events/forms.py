"""Forms of the event set-up pages. They translate what people type; the services check and write.

The event form is a plain form, not a model form: the order of the dates is the service's rule, and
its message should stand beside the field rather than a model constraint's generic one above the form.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.core.money import number
from sahabat.events.models import Event, Participation, Zone
from sahabat.registry.forms import RupiahField
from sahabat.registry.parsing import parse_int


class CountField(forms.CharField):
    """A count typed with or without grouping dots: 1000000 or 1.000.000."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        return parse_int(super().to_python(value))

    def prepare_value(self, value):
        return number(value) if isinstance(value, int) else value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventForm(forms.Form):
    name = forms.CharField(label=_("Event name"), max_length=200)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    main_start = forms.DateField(label=_("First main day"), widget=DateInput())
    main_end = forms.DateField(label=_("Last main day"), widget=DateInput())
    window_start = forms.DateField(
        label=_("Reporting window from"),
        widget=DateInput(),
        help_text=_("Sales count from this day, e.g. one week before the main days."),
    )
    window_end = forms.DateField(
        label=_("Reporting window until"),
        widget=DateInput(),
        help_text=_("Sales count until this day, e.g. one week after the main days."),
    )
    target_visitors = CountField(label=_("Visitor target"), required=False, help_text=_("e.g. 1.000.000"))
    target_turnover = RupiahField(
        label=_("Turnover target (Rp)"),
        required=False,
        help_text=_("UMKM turnover over the whole window, e.g. 500 M (M is miliar) or 2,5 jt."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Event.Status.choices,
        initial=Event.Status.DRAFT,
        help_text=_("Devices record only for a published event."),
    )

    fieldsets = (
        (_("Event"), ("name", "venue", "description", "status")),
        (_("Dates"), ("main_start", "main_end", "window_start", "window_end")),
        (_("Targets"), ("target_visitors", "target_turnover")),
    )

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        return {name: getattr(event, name) for name in cls.base_fields}

    def grouped(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def values(self) -> dict:
        """The service's keyword arguments; an empty target is no target (0)."""
        data = dict(self.cleaned_data)
        data["target_visitors"] = data["target_visitors"] or 0
        data["target_turnover"] = data["target_turnover"] or 0
        return data


class EventSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Event name or venue")}),
    )


class ZoneForm(forms.Form):
    code = forms.CharField(
        label=_("Zone code"),
        max_length=10,
        help_text=_("Short, e.g. A or KUL; booth codes usually start with it."),
    )
    name = forms.CharField(label=_("Zone name"), max_length=100, help_text=_("e.g. Zona Kuliner"))


class BoothsForm(forms.Form):
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), empty_label=None)
    codes = forms.CharField(
        label=_("Booth codes"),
        max_length=60,
        help_text=_("One code (A-001) or a range: A-001 … A-200, A-001-A-200 or A-001 s/d A-200."),
    )
    category = forms.CharField(
        label=_("Category"),
        max_length=20,
        required=False,
        help_text=_("Optional, e.g. kuliner, fashion, kriya."),
    )

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones


class BoothFilterForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Zone.objects.none(), required=False, empty_label=_("All zones")
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Booth code or enterprise")}),
    )

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        zone = self.cleaned_data["zone"]
        return {"zone_id": zone.pk if zone else None, "search": self.cleaned_data["q"].strip()}


class InviteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find an enterprise"),
        required=False,
        max_length=100,
        help_text=_("Search the registers of every region by business name or brand."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class InviteForm(forms.Form):
    enterprise = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    """Approve (with a booth), reject or withdraw; the booth is typed as its code."""

    status = forms.ChoiceField(
        choices=[
            (Participation.Status.APPROVED, _("Approve")),
            (Participation.Status.REJECTED, _("Reject")),
            (Participation.Status.WITHDRAWN, _("Withdraw")),
        ]
    )
    booth = forms.CharField(label=_("Booth"), max_length=20, required=False)


class DeviceTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Device name"),
        max_length=100,
        help_text=_("Who or what uses it, e.g. HP kasir stan A-001."),
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"),
        required=False,
        min_value=1,
        max_value=366,
        help_text=_("Leave empty to keep it until it is revoked."),
    )
