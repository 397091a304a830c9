"""Forms of the coaching pages. They translate what people type; the services check and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.coaching.models import Outcome, Programme
from sahabat.coaching.selectors import ProgrammeFilters
from sahabat.coaching.services import PROGRAMME_FIELDS, SESSION_FIELDS
from sahabat.events.forms import CountField, DateInput
from sahabat.regions.models import Region
from sahabat.registry.forms import RupiahField


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Programme, organiser or partner")}),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Programme.Type.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]

    def filters(self) -> ProgrammeFilters:
        """The valid part of the query string; a wrong value is ignored rather than refused."""
        self.is_valid()
        data = self.cleaned_data
        return ProgrammeFilters(
            search=data.get("q") or "", type=data.get("type") or "", year=data.get("year")
        )

    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.search or filters.type or filters.year)


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Programme name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=Programme.Type.choices)
    organiser = forms.CharField(
        label=_("Organiser"), max_length=200, required=False, help_text=_("e.g. Dinas Koperasi dan UMKM")
    )
    partner = forms.CharField(
        label=_("Partner"), max_length=200, required=False, help_text=_("e.g. a bank, a university, BPJPH")
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput(), required=False)
    target_participants = CountField(label=_("Planned participants"), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_for(cls, programme: Programme) -> dict:
        return {name: getattr(programme, name) for name in PROGRAMME_FIELDS}

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in PROGRAMME_FIELDS}
        data["target_participants"] = data["target_participants"] or 0
        return data


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Session title"), max_length=200, help_text=_("e.g. Kelas foto produk"))
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Choose a district"),
    )
    venue = forms.CharField(
        label=_("Venue"), max_length=200, required=False, help_text=_("e.g. Aula Kecamatan")
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts

    @classmethod
    def initial_for(cls, session) -> dict:
        return {name: getattr(session, name) for name in SESSION_FIELDS}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}


class CandidateSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find an enterprise"),
        required=False,
        max_length=100,
        help_text=_("Business name, brand or owner, or a 13-digit NIB, from the region's register."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class ParticipantForm(forms.Form):
    enterprise = forms.IntegerField(widget=forms.HiddenInput)


class OutcomeForm(forms.Form):
    type = forms.ChoiceField(label=_("Outcome"), choices=Outcome.Type.choices)
    achieved_on = forms.DateField(label=_("Date achieved"), widget=DateInput())
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_(
            "For an NIB or a halal certificate, its number: it is added to the register too. "
            "For an online sale, the marketplace; for credit, the lender."
        ),
    )
    amount = RupiahField(
        label=_("Credit amount (Rp)"), required=False, help_text=_("Only for credit obtained.")
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def values(self) -> dict:
        return dict(self.cleaned_data)
