"""`sahabat regions load 35.10 [3511 …]`: load the districts and villages of regencies or cities."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.console import Console
from rich.table import Table

from sahabat.core.errors import DomainError
from sahabat.regions.services import regions_load_regency


class Command(BaseCommand):
    help = gettext_lazy("Manage the Kemendagri region tree.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="action")
        load = actions.add_parser(
            "load", help=_("Load or refresh the districts and villages of regencies or cities.")
        )
        load.add_argument(
            "codes", nargs="+", metavar="code", help=_("Regency or city code, e.g. 35.10 or 3510.")
        )

    def handle(self, *args, action, codes, **options):
        console = Console(file=self.stdout, highlight=False, no_color=options["no_color"])
        table = Table(title=_("Regions loaded"))
        table.add_column(_("Code"))
        table.add_column(_("Regency/city"))
        table.add_column(_("Level"), no_wrap=True)
        for column in (_("Created"), _("Updated"), _("Unchanged")):
            table.add_column(column, justify="right", no_wrap=True)
        try:
            for code in codes:
                result = regions_load_regency(code=code)
                for level, count in ((_("Districts"), result.districts), (_("Villages"), result.villages)):
                    table.add_row(
                        result.regency.code,
                        result.regency.name,
                        level,
                        str(count.created),
                        str(count.updated),
                        str(count.unchanged),
                    )
        except DomainError as error:
            # Codes before the failing one stay loaded; loading is idempotent, so rerunning is safe.
            raise CommandError(str(error)) from error
        finally:
            if table.row_count:
                console.print(table)
