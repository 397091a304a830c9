"""Forms of the investment pages. They translate what people type; the services check and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.events.forms import DateInput
from sahabat.investment.models import InvestmentProject, LeadStage
from sahabat.investment.selectors import LeadFilters, ProjectFilters
from sahabat.investment.services import GATHERING_FIELDS, INVESTOR_FIELDS, PROJECT_FIELDS
from sahabat.regions.models import Region
from sahabat.registry.forms import RupiahField


class ProjectFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or description")}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *InvestmentProject.Sector.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *InvestmentProject.Status.choices],
    )
    scheme = forms.ChoiceField(
        label=_("Scheme"), required=False, choices=[("", _("All schemes")), *InvestmentProject.Scheme.choices]
    )

    def filters(self) -> ProjectFilters:
        """The valid part of the query string; a wrong value is ignored rather than refused."""
        self.is_valid()
        data = self.cleaned_data
        return ProjectFilters(
            search=data.get("q") or "",
            sector=data.get("sector") or "",
            status=data.get("status") or "",
            scheme=data.get("scheme") or "",
        )

    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.search or filters.sector or filters.status or filters.scheme)


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=InvestmentProject.Sector.choices)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Choose a district"),
    )
    value = RupiahField(label=_("Investment value (Rp)"), help_text=_("e.g. 250 M (M is miliar) or 1,2 T"))
    scheme = forms.ChoiceField(label=_("Scheme"), choices=InvestmentProject.Scheme.choices)
    status = forms.ChoiceField(label=_("Status"), choices=InvestmentProject.Status.choices)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    contact_name = forms.CharField(label=_("Contact officer"), max_length=150, required=False)
    contact_office = forms.CharField(
        label=_("Office"), max_length=200, required=False, help_text=_("e.g. DPMPTSP Kabupaten Jember")
    )
    contact_email = forms.EmailField(label=_("Office e-mail"), required=False)
    contact_phone = forms.CharField(
        label=_("Office phone"),
        max_length=20,
        required=False,
        help_text=_("The office's number, not a personal one."),
    )

    fieldsets = (
        (_("Project"), ("title", "sector", "district", "value", "scheme", "status", "description")),
        (_("Contact for investors"), ("contact_name", "contact_office", "contact_email", "contact_phone")),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts

    @classmethod
    def initial_for(cls, project: InvestmentProject) -> dict:
        return {name: getattr(project, name) for name in PROJECT_FIELDS}

    def grouped(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("At most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class InvestorForm(forms.Form):
    company = forms.CharField(label=_("Company"), max_length=200)
    contact_person = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    origin_city = forms.CharField(label=_("City of origin"), max_length=100, required=False)
    origin_country = forms.CharField(label=_("Country of origin"), max_length=100, initial="Indonesia")
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_for(cls, investor) -> dict:
        return {name: getattr(investor, name) for name in INVESTOR_FIELDS}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in INVESTOR_FIELDS}


class InvestorSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Company, contact person or city")}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, countries: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *[(name, name) for name in countries]]


class GatheringForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("e.g. Jember Investment Forum 2021"))
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(
        label=_("Place"), max_length=200, help_text=_("City and venue, e.g. Jakarta, Hotel Indonesia")
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    invitees = forms.ModelMultipleChoiceField(
        label=_("Invited investors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, investors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitees"].queryset = investors

    @classmethod
    def initial_for(cls, gathering, invitees) -> dict:
        return {**{name: getattr(gathering, name) for name in GATHERING_FIELDS}, "invitees": list(invitees)}

    def values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in GATHERING_FIELDS}
        values["invitee_ids"] = [investor.pk for investor in self.cleaned_data["invitees"]]
        return values


class LeadForm(forms.Form):
    investor = forms.ModelChoiceField(label=_("Investor"), queryset=None, empty_label=_("Choose an investor"))
    project = forms.ModelChoiceField(label=_("Project"), queryset=None, empty_label=_("Choose a project"))
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[(stage, label) for stage, label in LeadStage.choices if stage != LeadStage.LOST],
    )
    gathering = forms.ModelChoiceField(
        label=_("Gathering"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("The gathering where the lead started, if any."),
    )
    value = RupiahField(label=_("Value (Rp)"), required=False, help_text=_("What the investor may put in."))
    next_step = forms.CharField(
        label=_("Next step"), max_length=200, required=False, help_text=_("e.g. Site visit")
    )
    next_step_on = forms.DateField(label=_("Next step date"), widget=DateInput(), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, investors, projects, gatherings, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investor"].queryset = investors
        self.fields["project"].queryset = projects
        self.fields["gathering"].queryset = gatherings
        if editing:
            # An existing lead keeps its investor and project; its stage moves on the board, not here.
            for name in ("investor", "project", "stage"):
                del self.fields[name]

    @classmethod
    def initial_for(cls, lead) -> dict:
        return {
            "gathering": lead.gathering_id,
            "value": lead.value,
            "next_step": lead.next_step,
            "next_step_on": lead.next_step_on,
            "notes": lead.notes,
        }

    def values(self) -> dict:
        data = self.cleaned_data
        values = {
            "gathering_id": data["gathering"].pk if data["gathering"] else None,
            "value": data["value"] or 0,
            "next_step": data["next_step"],
            "next_step_on": data["next_step_on"],
            "notes": data["notes"],
        }
        if "investor" in self.fields:
            values.update(investor_id=data["investor"].pk, project_id=data["project"].pk, stage=data["stage"])
        return values


class LeadMoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=LeadStage.choices)
    reason = forms.CharField(label=_("Reason, if lost"), max_length=300, required=False)


class BoardFilterForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False, empty_label=_("All projects")
    )
    gathering = forms.ModelChoiceField(
        label=_("Gathering"), queryset=None, required=False, empty_label=_("All gatherings")
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Investor or project")}),
    )

    def __init__(self, *args, projects, gatherings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["gathering"].queryset = gatherings

    def filters(self) -> LeadFilters:
        self.is_valid()
        data = self.cleaned_data
        project, gathering = data.get("project"), data.get("gathering")
        return LeadFilters(
            project_id=project.pk if project else None,
            gathering_id=gathering.pk if gathering else None,
            search=data.get("q") or "",
        )

    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.project_id or filters.gathering_id or filters.search)
