"""`sahabat events rebuild-rollups [--event ID] [--check]`: recompute the rollups from the sales ledger."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_scopes import scopes_disabled
from rich.console import Console
from rich.table import Table

from sahabat.core.money import number, rupiah
from sahabat.events.models import Booth, Event
from sahabat.events.services.ledger import RollupDifference, rollups_rebuild

# Enough rows to see what went wrong; the count says how many more there were.
SHOWN_PER_EVENT = 50


class Command(BaseCommand):
    help = gettext_lazy("Maintain events: rebuild the rollups from the sales ledger.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="action")
        rebuild = actions.add_parser(
            "rebuild-rollups",
            help=_(
                "Recompute the hourly and per-booth rollups from the ledger, show where the stored ones "
                "differed and repair them."
            ),
        )
        rebuild.add_argument("--event", type=int, help=_("Only this event (default: every event)."))
        rebuild.add_argument(
            "--check",
            action="store_true",
            help=_("Only report: repair nothing, and exit with status 1 when there are differences."),
        )

    def handle(self, *args, action, event, check, **options):
        console = Console(file=self.stdout, highlight=False, no_color=options["no_color"], width=120)
        with scopes_disabled():
            events = Event.objects.select_related("region").order_by("pk")
            if event is not None:
                events = events.filter(pk=event)
                if not events.exists():
                    raise CommandError(_("There is no event %(id)s.") % {"id": event})
            found = 0
            for item in events:
                with transaction.atomic():
                    differences = rollups_rebuild(event=item)
                    if check:
                        # The rebuild repairs as it goes; a check must leave the database as it was.
                        transaction.set_rollback(True)
                found += len(differences)
                self._report(console, item, differences)
        if not found:
            console.print(_("The rollups agree with the ledger."))
        elif check:
            raise CommandError(
                _("%(count)s rollup rows differ from the ledger; run without --check to repair them.")
                % {"count": number(found)}
            )
        else:
            console.print(
                _("%(count)s rollup rows differed from the ledger and have been rebuilt from it.")
                % {"count": number(found)}
            )

    def _report(self, console: Console, event: Event, differences: list[RollupDifference]) -> None:
        if not differences:
            return
        booths = dict(Booth.objects.filter(event=event).values_list("pk", "code"))
        zone = event.region.tzinfo
        table = Table(title=_("Event %(id)s “%(name)s”") % {"id": event.pk, "name": event.name})
        for title in (_("Rollup"), _("Key"), _("Stored"), _("From the ledger")):
            table.add_column(title)
        for difference in differences[:SHOWN_PER_EVENT]:
            table.add_row(
                difference.table,
                " · ".join(
                    _key_part(difference.table, position, part, booths, zone)
                    for position, part in enumerate(difference.key)
                ),
                _measures(difference.stored),
                _measures(difference.expected),
            )
        if len(differences) > SHOWN_PER_EVENT:
            table.caption = _("… and %(count)s more") % {"count": number(len(differences) - SHOWN_PER_EVENT)}
        console.print(table)


def _key_part(table: str, position: int, part, booths: dict, zone) -> str:
    if isinstance(part, datetime):
        return part.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    # The booth rollups' keys start with the booth: show its code rather than its id.
    if position == 0 and table in ("sales_hourly", "booth_total"):
        return booths.get(part, str(part))
    return str(part)


def _measures(values: tuple) -> str:
    """(sales, turnover) for sales rollups, (visitors,) for gates."""
    if len(values) == 2:
        return ngettext("%(sales)s sale, %(turnover)s", "%(sales)s sales, %(turnover)s", values[0]) % {
            "sales": number(values[0]),
            "turnover": rupiah(values[1]),
        }
    return ngettext("%(visitors)s visitor", "%(visitors)s visitors", values[0]) % {
        "visitors": number(values[0])
    }
