"""`sahabat dedupe --region 35.09 [--threshold 0.9] [--reuse-model]`: find a region's duplicate UMKM."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from sahabat.core.errors import DomainError
from sahabat.dedupe import services
from sahabat.dedupe.models import DEFAULT_THRESHOLD, STAGE_LABELS, DedupeRun
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code


class Command(BaseCommand):
    help = gettext_lazy("Search a region's UMKM register for duplicate enterprises (Splink) for review.")

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help=_("Regency or city code, e.g. 35.09."))
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=_("Match probability from which records are grouped (0.5 to 0.9999)."),
        )
        parser.add_argument(
            "--reuse-model",
            action="store_true",
            help=_("Use the region's saved model instead of training again."),
        )

    def handle(self, *args, region: str, threshold: float, reuse_model: bool, **options):
        console = Console(file=self.stdout, highlight=False, no_color=options["no_color"])
        try:
            tenant = region_by_code(region)
        except Region.DoesNotExist:
            raise CommandError(_("There is no region with code %(code)s.") % {"code": region}) from None
        # The command line is the system: no user, no scope; the run is recorded without a starter.
        with scopes_disabled():
            if not 0.5 <= threshold < 1:
                raise CommandError(_("The threshold must be between 0.5 and 0.9999."))
            if DedupeRun.unscoped.filter(region=tenant, status__in=services.RUNNING).exists():
                raise CommandError(_("A duplicate search is already running for this region."))
            run = DedupeRun.unscoped.create(region=tenant, threshold=threshold, retrain=not reuse_model)
            with Progress(
                TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(), console=console,
            ) as bar:  # fmt: skip
                task = bar.add_task(_("Looking for duplicates"), total=100)

                def progress(percent: int, stage: str) -> None:
                    bar.update(
                        task,
                        completed=percent,
                        description=f"{_('Looking for duplicates')} · {STAGE_LABELS.get(stage, stage)}",
                    )

                try:
                    run = services.dedupe_run_execute(run_id=run.pk, progress=progress)
                except DomainError as error:
                    raise CommandError(error.errors[0].message) from None
        console.print(
            _("%(records)s records compared, %(pairs)s pairs in %(groups)s groups, %(seconds).1f s.")
            % {"records": run.records, "pairs": run.pairs, "groups": run.groups, "seconds": run.seconds or 0}
        )
