"""Forms of the reports pages. They translate what people choose; the services check and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.reports.content import Period
from sahabat.reports.models import Format, Kind


class PeriodField(forms.CharField):
    """A month typed or picked as `2023-08` (the browser's month picker sends that)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2023-08", "pattern": r"\d{4}-\d{1,2}"})

    def clean(self, value):
        value = super().clean(value)
        try:
            return Period.parse(value)
        except ValueError:
            raise forms.ValidationError(
                _("Write the month as year-month, e.g. 2023-08."), code="period"
            ) from None


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Kind.choices)
    period = PeriodField(label=_("Month"), max_length=7)
    format = forms.ChoiceField(
        label=_("Format"), choices=Format.choices, initial=Format.PDF, widget=forms.RadioSelect
    )


class LetterheadForm(forms.Form):
    office = forms.CharField(
        label=_("Office"),
        max_length=200,
        required=False,
        help_text=_("Printed under the region's name, e.g. Dinas Koperasi dan Usaha Mikro."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Kind.choices)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, initial=Format.PDF)
    recipients = forms.CharField(
        label=_("Recipients"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "bupati@jemberkab.go.id"}),
        help_text=_("E-mail addresses, one a line."),
    )


class ScheduleEditForm(forms.Form):
    """A monthly e-mail's report stays; its format, recipients and whether it is sent may change."""

    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    recipients = forms.CharField(
        label=_("Recipients"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E-mail addresses, one a line."),
    )
    is_active = forms.BooleanField(
        label=_("Send every month"),
        required=False,
        help_text=_("Untick to pause the e-mail without losing its recipients."),
    )
