"""Forms of the review pages: start a search, bulk-accept, decide on a group."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.dedupe.models import DEFAULT_THRESHOLD, CandidateGroup


class RunForm(forms.Form):
    threshold = forms.FloatField(
        label=_("Match threshold"),
        min_value=0.5,
        max_value=0.9999,
        initial=DEFAULT_THRESHOLD,
        help_text=_("From 0.5 to 0.9999. Records at or above it are grouped as likely the same."),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    retrain = forms.BooleanField(
        label=_("Train the model again on the current register"),
        required=False,
        initial=True,
        help_text=_("Otherwise the model saved for this region is used."),
    )


class BulkAcceptForm(forms.Form):
    threshold = forms.FloatField(
        label=_("Merge every group whose weakest match is at least"),
        min_value=0.5,
        max_value=1,
        initial=0.99,
        widget=forms.NumberInput(attrs={"step": "0.001"}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (CandidateGroup.Status.MERGED, _("Merge")),
            (CandidateGroup.Status.NOT_SAME, _("Not the same")),
            (CandidateGroup.Status.SKIPPED, _("Skip")),
        ]
    )
    golden = forms.IntegerField(required=False)
    members = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, group: CandidateGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [(item.pk, item.pk) for item in group.enterprises.all()]
