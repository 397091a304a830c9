"""`sahabat import FILE --region 35.09 [--dry-run] [--mode all_or_nothing|valid_only]`: import a "
"register file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sahabat.core.errors import DomainError
from sahabat.core.money import number
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code
from sahabat.registry.imports.services import import_file_run
from sahabat.registry.models import ImportJob


class Command(BaseCommand):
    help = gettext_lazy(
        "Import UMKM from an Excel (.xlsx) or CSV file into a region's register, as the system (no user)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("The .xlsx or .csv file."))
        parser.add_argument("--region", required=True, help=_("Regency or city code, e.g. 35.09."))
        parser.add_argument(
            "--sheet", default="", help=_("Sheet to read (default: the first with a header row).")
        )
        parser.add_argument(
            "--mode",
            choices=ImportJob.Mode.values,
            default=ImportJob.Mode.ALL_OR_NOTHING,
            help=_("all_or_nothing: write nothing if any row is rejected; valid_only: write the valid rows."),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Check the file and write nothing."))

    def handle(self, *args, file: Path, region: str, sheet: str, mode: str, dry_run: bool, **options):
        console = Console(file=self.stdout, highlight=False, no_color=options["no_color"])
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        try:
            tenant = region_by_code(region)
        except Region.DoesNotExist:
            raise CommandError(_("There is no region with code %(code)s.") % {"code": region}) from None
        # The command line is the system: no user and no scope, the job records no creator.
        with (
            scopes_disabled(),
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as bar,
        ):
            task = bar.add_task(_("Importing"), total=None)
            try:
                summary = import_file_run(
                    region=tenant,
                    data=data,
                    name=file.name,
                    mode=mode,
                    dry_run=dry_run,
                    sheet_name=sheet,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
            except DomainError as error:
                raise CommandError(str(error.errors[0].message)) from None
        table = Table(
            title=_("Import of %(file)s into %(region)s") % {"file": file.name, "region": tenant.name}
        )
        for column in (
            _("Rows"),
            _("New"),
            _("Updated"),
            _("Unchanged"),
            _("Rejected"),
            _("Skipped"),
            _("Time"),
        ):
            table.add_column(column, justify="right", no_wrap=True)
        table.add_row(
            *(
                number(value)
                for value in (
                    summary.rows,
                    summary.new,
                    summary.updated,
                    summary.unchanged,
                    summary.rejected,
                    summary.skipped,
                )
            ),
            _("%(seconds)s s") % {"seconds": number(summary.seconds, fraction_digits=1)},
        )
        console.print(table)
        console.print(_("Status: %(status)s") % {"status": summary.status})
        if summary.job_id:
            console.print(_("Import job: %(id)d") % {"id": summary.job_id})
        if summary.ignored_headers:
            console.print(_("Columns ignored: %(columns)s") % {"columns": ", ".join(summary.ignored_headers)})
        if summary.message:
            console.print(summary.message)
