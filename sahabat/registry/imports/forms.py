"""Forms of the import pages: upload, column mapping, and the choice of how to apply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sahabat.registry.imports.columns import field_choices
from sahabat.registry.models import ImportJob


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx) or CSV, at most 50 MB. Download the template to see the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to use the first sheet that has a header row."),
    )


class MappingForm(forms.Form):
    """One choice per column header, plus the sheet when the workbook has several."""

    def __init__(self, *args, job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        if len(job.sheet_names) > 1:
            self.fields["sheet"] = forms.ChoiceField(
                label=_("Sheet"),
                choices=[(name, name) for name in job.sheet_names],
                initial=job.sheet_name,
            )
        choices = field_choices()
        for index, header in enumerate(job.headers):
            if header:
                self.fields[f"column_{index}"] = forms.ChoiceField(
                    label=header,
                    choices=choices,
                    required=False,
                    initial=job.column_mapping.get(str(index)),
                )

    def column_fields(self):
        return [self[name] for name in self.fields if name.startswith("column_")]

    def mapping(self) -> dict[int, str]:
        return {
            int(name.removeprefix("column_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }


class ApplyForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How to apply"),
        choices=[
            (
                ImportJob.Mode.ALL_OR_NOTHING,
                _(
                    "All or nothing: write the file only if no row is rejected. If any row is "
                    "rejected, nothing is "
                    "written and you can correct the rejected rows and upload again."
                ),
            ),
            (
                ImportJob.Mode.VALID_ONLY,
                _(
                    "Valid rows only: write every valid row now and leave the rejected rows out. "
                    "Download the "
                    "rejected rows, correct them and import them later."
                ),
            ),
        ],
        widget=forms.RadioSelect,
        initial=ImportJob.Mode.ALL_OR_NOTHING,
    )
