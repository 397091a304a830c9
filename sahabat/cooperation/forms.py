"""Forms of the cooperation pages. They translate what people type; the services check and write.

The agreement form handles the usual two-party agreement (the active region and one partner); the
API takes any number of parties.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.cooperation.models import ActionItem, Adoption, Agreement, Lifecycle, MonitoringReport
from sahabat.cooperation.selectors import AgreementFilters, cooperation_today
from sahabat.cooperation.services import PartyData
from sahabat.regions.models import Region
from sahabat.registry.forms import RupiahField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _text(label, *, rows=3, required=False, help_text=""):
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region):
        return f"{region.name} ({region.code})"


class AgreementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Agreement.Type.choices]
    )
    lifecycle = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Lifecycle.choices]
    )

    def filters(self) -> AgreementFilters:
        if not self.is_valid():
            return AgreementFilters()
        data = self.cleaned_data
        return AgreementFilters(search=data["q"].strip(), type=data["type"], lifecycle=data["lifecycle"])


class AgreementForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=Agreement.Type.choices)
    parent = forms.ModelChoiceField(
        label=_("Memorandum of understanding it carries out"),
        queryset=Agreement.unscoped.none(),
        required=False,
        help_text=_("For a PKS only."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    purpose = _text(_("Purpose"))
    fields_of_cooperation = _text(_("Fields of cooperation"), help_text=_("One field per line."))
    funding_source = forms.CharField(
        label=_("Funding source"), max_length=200, required=False, help_text=_("e.g. APBD of each party")
    )
    signed_on = forms.DateField(label=_("Signing date"), required=False, widget=DateInput())
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())
    dprd_approval_reference = forms.CharField(
        label=_("DPRD approval reference"),
        max_length=200,
        required=False,
        help_text=_("Where the cooperation needs the approval of the regional parliament."),
    )
    implementing_agencies = _text(
        _("Implementing agencies"), help_text=_("One agency per line, of any party.")
    )
    own_document_number = forms.CharField(label=_("Your document number"), max_length=120, required=False)
    own_signatory_name = forms.CharField(label=_("Your signatory"), max_length=150, required=False)
    own_signatory_position = forms.CharField(
        label=_("Your signatory's position"),
        max_length=150,
        required=False,
        help_text=_("e.g. Bupati Jember"),
    )
    partner = RegionChoiceField(
        label=_("Partner region"),
        queryset=Region.objects.none(),
        help_text=_("A regency or city."),
    )
    partner_document_number = forms.CharField(
        label=_("Partner's document number"), max_length=120, required=False
    )
    partner_signatory_name = forms.CharField(label=_("Partner's signatory"), max_length=150, required=False)
    partner_signatory_position = forms.CharField(
        label=_("Partner's signatory's position"), max_length=150, required=False
    )

    fieldsets = (
        (_("Agreement"), ("type", "parent", "title", "purpose", "fields_of_cooperation", "funding_source")),
        (_("Dates and approval"), ("signed_on", "valid_from", "valid_until", "dprd_approval_reference")),
        (_("Your region"), ("own_document_number", "own_signatory_name", "own_signatory_position")),
        (
            _("Partner"),
            ("partner", "partner_document_number", "partner_signatory_name", "partner_signatory_position"),
        ),
        (_("Carried out by"), ("implementing_agencies",)),
    )
    AGREEMENT_FIELDS = (
        "type",
        "parent",
        "title",
        "purpose",
        "fields_of_cooperation",
        "funding_source",
        "signed_on",
        "valid_from",
        "valid_until",
        "dprd_approval_reference",
        "implementing_agencies",
    )

    def __init__(self, *args, region: Region, mous, with_parties: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["parent"].queryset = mous
        self.fields["partner"].queryset = (
            Region.objects.filter(level=Region.Level.REGENCY).exclude(pk=region.pk).order_by("name")
        )
        if not with_parties:
            for name in list(self.fields):
                if name.startswith(("own_", "partner")):
                    del self.fields[name]
            self.fieldsets = tuple(
                (legend, names)
                for legend, names in self.fieldsets
                if not names[0].startswith(("own_", "partner"))
            )

    @classmethod
    def initial_for(cls, agreement: Agreement, region: Region) -> dict:
        initial = {name: getattr(agreement, name) for name in cls.AGREEMENT_FIELDS}
        for party in agreement.party_list:
            prefix = "own" if party.region_id == region.pk else "partner"
            if prefix == "partner":
                initial["partner"] = party.region
            initial[f"{prefix}_document_number"] = party.document_number
            initial[f"{prefix}_signatory_name"] = party.signatory_name
            initial[f"{prefix}_signatory_position"] = party.signatory_position
        return initial

    def grouped(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def agreement_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.AGREEMENT_FIELDS}

    def parties(self) -> list[PartyData] | None:
        if "partner" not in self.fields:
            return None
        data = self.cleaned_data
        return [
            PartyData(
                region=self.region,
                document_number=data["own_document_number"],
                signatory_name=data["own_signatory_name"],
                signatory_position=data["own_signatory_position"],
            ),
            PartyData(
                region=data["partner"],
                document_number=data["partner_document_number"],
                signatory_name=data["partner_signatory_name"],
                signatory_position=data["partner_signatory_position"],
            ),
        ]


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signing date"), widget=DateInput())


class TerminateForm(forms.Form):
    terminated_on = forms.DateField(label=_("Termination date"), widget=DateInput())
    reason = _text(_("Reason"), required=True)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF, at most 20 MB)"))


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = _text(_("Description"))
    owner_region = RegionChoiceField(label=_("Responsible region"), queryset=Region.objects.none())
    agency = forms.ModelChoiceField(label=_("Responsible agency"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)

    def __init__(self, *args, regions, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_region"].queryset = regions
        self.fields["agency"].queryset = agencies

    @classmethod
    def initial_for(cls, item: ActionItem) -> dict:
        return {name: getattr(item, name) for name in cls.base_fields}


class EvidenceForm(forms.Form):
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 20 MB)"), required=False)
    url = forms.CharField(label=_("or a link"), max_length=500, required=False)


class CommentForm(forms.Form):
    text = _text(_("Comment"), rows=2, required=True)


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Half-year"), coerce=int, choices=MonitoringReport._meta.get_field("half").choices
    )
    findings = _text(_("Findings"), rows=6)
    recommendations = _text(_("Recommendations"), rows=6)

    def __init__(self, *args, with_period: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_period:
            del self.fields["year"], self.fields["half"]


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = _text(_("Summary"))
    goal = _text(_("Goal"), required=True)
    steps = _text(_("Steps"), rows=6, help_text=_("One step per line."))
    cost = RupiahField(
        label=_("Cost (Rp)"), required=False, help_text=_("e.g. 1,2 M (M is miliar) or 350 jt.")
    )
    cost_notes = _text(_("What the cost covers"))
    kpis = _text(_("Key performance indicators"), help_text=_("One indicator per line."))
    results = _text(_("Results"), rows=4)
    contact_office = forms.CharField(label=_("Contact office"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_position = forms.CharField(label=_("Contact's position"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Office e-mail"), required=False)
    is_shared = forms.BooleanField(
        label=_("Share with partner regions"),
        required=False,
        initial=True,
        help_text=_("Partner regions with an active agreement can read a shared practice."),
    )

    @classmethod
    def initial_for(cls, practice) -> dict:
        return {name: getattr(practice, name) for name in cls.base_fields}


class AdoptionForm(forms.Form):
    agreement = forms.ModelChoiceField(label=_("Under the agreement"), queryset=Agreement.unscoped.none())
    started_on = forms.DateField(label=_("Started on"), widget=DateInput(), initial=cooperation_today)
    goal = _text(_("Goal"), required=True)
    adaptations = _text(_("Local adaptations"))
    kpis = _text(_("Key performance indicators"), help_text=_("One indicator per line."))
    status = forms.ChoiceField(label=_("Status"), choices=Adoption.Status.choices)

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        if agreements.count() == 1:
            self.fields["agreement"].initial = agreements.first()

    def adoption_values(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("started_on", "goal", "adaptations", "kpis", "status")
        }


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput(), initial=cooperation_today)
