"""`sahabat report KIND --region 35.09 --period 2023-08 --format pdf|xlsx --out FILE`: a report to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from sahabat.accounts.actor import Actor
from sahabat.core.errors import DomainError
from sahabat.regions.models import Region
from sahabat.reports.content import Period
from sahabat.reports.models import Format, Kind
from sahabat.reports.services import report_make


class Command(BaseCommand):
    help = gettext_lazy("Write one report of a region and month to a file (PDF or Excel).")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=Kind.values, help=_("Which report."))
        parser.add_argument("--region", required=True, help=_("The region's code, e.g. 35.09."))
        parser.add_argument("--period", required=True, help=_("The month, e.g. 2023-08."))
        parser.add_argument("--format", choices=Format.values, default=Format.PDF, help=_("pdf or xlsx."))
        parser.add_argument("--out", required=True, help=_("The file to write."))

    def handle(self, *args, kind, region, period, format, out, **options):
        try:
            month = Period.parse(period)
        except ValueError:
            raise CommandError(_("Write the month as year-month, e.g. 2023-08.")) from None
        with scopes_disabled():
            found = Region.objects.filter(code=region).first()
            if found is None or not found.is_tenant:
                raise CommandError(
                    _("There is no regency or city with the code %(code)s.") % {"code": region}
                )
            try:
                content = report_make(
                    actor=Actor.system(), region=found, kind=kind, period=month, format=format
                )
            except DomainError as error:
                raise CommandError(error.errors[0].message) from None
        Path(out).write_bytes(content)
        self.stdout.write(
            _("%(report)s of %(region)s for %(month)s written to %(file)s (%(size)s bytes).")
            % {
                "report": Kind(kind).label,
                "region": found.name,
                "month": month.label,
                "file": out,
                "size": len(content),
            }
        )
