"""`sahabat simulate carnival`: replay an event like the Jember Fashion Carnaval 2023 through the HTTP API."""

from contextlib import nullcontext
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create, api_token_revoke
from sahabat.core.money import number, rupiah
from sahabat.events.demo import (
    CARNIVAL_NAME,
    JEMBER,
    SAROLANGUN,
    TARGET_TURNOVER,
    TARGET_VISITORS,
    carnival_create,
    plan_for,
)
from sahabat.events.models import Event
from sahabat.events.replay import BATCH_SIZE, ApiClient, ReplayError, gunicorn_serving, replay
from sahabat.events.services.ledger import MAX_BATCH
from sahabat.events.simulation import Simulation
from sahabat.regions.models import Region

DEFAULT_BOOTHS = 2500


def _share(value: str) -> float:
    share = float(value)
    if not 0 <= share <= 1:
        raise ValueError(value)
    return share


class Command(BaseCommand):
    help = gettext_lazy(
        "Replay simulated events through the HTTP API, as booth phones and gate counters would."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="action")
        carnival = actions.add_parser(
            "carnival",
            help=_(
                "Replay an event like the Jember Fashion Carnaval 2023: sales at the booths, "
                "visitors at the gates."
            ),
        )
        carnival.add_argument(
            "--visitors",
            type=int,
            default=TARGET_VISITORS,
            help=_("Visitors counted at the gates over the main days."),
        )
        carnival.add_argument(
            "--turnover",
            type=int,
            default=TARGET_TURNOVER,
            help=_("Turnover in rupiah over the reporting window."),
        )
        carnival.add_argument(
            "--booths",
            type=int,
            default=DEFAULT_BOOTHS,
            help=_("Booths of a fresh event (ignored with --event)."),
        )
        carnival.add_argument("--clients", type=int, default=4, help=_("Concurrent device clients."))
        carnival.add_argument(
            "--resend-rate",
            type=_share,
            default=0.05,
            help=_("Share of batches sent twice on purpose (0 to 1)."),
        )
        carnival.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=_("Items per request."))
        carnival.add_argument("--seed", type=int, default=2023, help=_("Seed of the simulation."))
        carnival.add_argument(
            "--event", type=int, help=_("Replay into this existing event instead of a fresh one.")
        )
        target = carnival.add_mutually_exclusive_group()
        target.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help=_("A running server that uses the same database as this command."),
        )
        target.add_argument(
            "--serve",
            action="store_true",
            help=_("Start gunicorn on a free local port for the replay, then stop it."),
        )

    def handle(self, *args, action, **options):
        console = Console(file=self.stdout, highlight=False, no_color=options["no_color"])
        if options["clients"] < 1 or not 1 <= options["batch_size"] <= MAX_BATCH:
            raise CommandError(
                _("Use at least one client and 1 to %(max)s items per batch.") % {"max": MAX_BATCH}
            )
        if options["visitors"] < 0 or options["turnover"] < 0:
            raise CommandError(_("Visitors and turnover cannot be negative."))
        with scopes_disabled():
            event = self._event(options)
            simulation = Simulation(
                plan_for(
                    event, visitors=options["visitors"], turnover=options["turnover"], seed=options["seed"]
                )
            )
            if options["turnover"] and not simulation.plan.booths:
                raise CommandError(_("The event has no booth with an approved participant."))
            tokens, viewer = self._tokens(event, options["clients"])
        console.print(
            _(
                "Event %(id)s “%(name)s”: %(booths)s booths, %(sales)s sales, %(turnover)s, "
                "%(visitors)s visitors."
            )
            % {
                "id": event.pk,
                "name": event.name,
                "booths": number(len(simulation.plan.booths)),
                "sales": number(simulation.sales_count),
                "turnover": rupiah(options["turnover"]),
                "visitors": number(options["visitors"]),
            }
        )
        try:
            serving = (
                gunicorn_serving(workers=options["clients"])
                if options["serve"]
                else nullcontext(options["url"])
            )
            with serving as base_url:
                reader = ApiClient(base_url, viewer.raw_key)
                before = _progress(reader, event.pk)
                started = perf_counter()
                with Progress(
                    TextColumn("{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    console=console,
                ) as progress:
                    sales_task = progress.add_task(_("Sales"), total=simulation.sales_count)
                    visitor_task = progress.add_task(_("Visitors"), total=options["visitors"])

                    def advance(sales: int, visitors: int) -> None:
                        progress.advance(sales_task, sales)
                        progress.advance(visitor_task, visitors)

                    tally = replay(
                        simulation=simulation,
                        base_url=base_url,
                        event_id=event.pk,
                        tokens=[issued.raw_key for issued in tokens],
                        batch_size=options["batch_size"],
                        resend_rate=options["resend_rate"],
                        on_progress=advance,
                    )
                elapsed = perf_counter() - started
                after = _progress(reader, event.pk)
                reader.close()
        except ReplayError as error:
            raise CommandError(str(error)) from error
        finally:
            with scopes_disabled():
                for issued in [*tokens, viewer]:
                    api_token_revoke(actor=Actor.system(), token_id=issued.token.pk)
        self._report(console, tally, before, after, elapsed)

    def _event(self, options) -> Event:
        if options["event"] is not None:
            event = Event.objects.select_related("region").filter(pk=options["event"]).first()
            if event is None:
                raise CommandError(_("There is no event %(id)s.") % {"id": options["event"]})
            if event.status != Event.Status.PUBLISHED:
                raise CommandError(_("The event is not published, so it takes no sales."))
            if event.window_ends_at > timezone.now():
                raise CommandError(
                    _("The event's reporting window has not ended; the ledger would refuse its future sales.")
                )
            return event
        with transaction.atomic():
            return carnival_create(
                region=Region.objects.get(code=JEMBER),
                guest_region=Region.objects.filter(code=SAROLANGUN).first(),
                booths=options["booths"],
                seed=options["seed"],
                name=f"{CARNIVAL_NAME} · {_('simulation')} {timezone.now():%Y-%m-%d %H:%M:%S}",
                visitors=options["visitors"],
                turnover=options["turnover"],
            )

    def _tokens(self, event: Event, clients: int):
        """One booth-cashier token per client, and a viewer token to read the dashboard's figures."""
        actor = Actor.system()
        issued = [
            api_token_create(
                actor=actor, region=event.region, name=_("Simulator client %(n)s") % {"n": n}, valid_days=1
            )
            for n in range(1, clients + 1)
        ]
        viewer = api_token_create(
            actor=actor, region=event.region, name=_("Simulator check"), role=Role.VIEWER, valid_days=1
        )
        for token in [*issued, viewer]:
            token.token.event = event
            token.token.save(update_fields=["event"])
        return issued, viewer

    def _report(self, console: Console, tally, before: tuple, after: tuple, elapsed: float) -> None:
        dashboard = tuple(now - then for now, then in zip(after, before, strict=True))
        recorded = (tally.sales_created, tally.turnover_created, tally.visitors_created)
        sent = (tally.sales_sent, tally.turnover_sent, tally.visitors_sent)
        table = Table(title=_("Sent, recorded and shown on the dashboard"))
        table.add_column("")
        for title in (_("Sent"), _("Recorded (API answers)"), _("Dashboard (change)")):
            table.add_column(title, justify="right")
        for label, show, index in (
            (_("Sales"), number, 0),
            (_("Turnover"), rupiah, 1),
            (_("Visitors"), number, 2),
        ):
            table.add_row(label, show(sent[index]), show(recorded[index]), show(dashboard[index]))
        console.print(table)
        console.print(
            _(
                "%(batches)s requests (%(resent)s batches resent on purpose), %(duplicates)s duplicates, "
                "%(rejected)s rejected, %(retries)s retries, %(seconds)s s, %(rate)s sales/s."
            )
            % {
                "batches": number(tally.batches),
                "resent": number(tally.resent_batches),
                "duplicates": number(tally.duplicates),
                "rejected": number(tally.rejected),
                "retries": number(tally.retries),
                "seconds": number(elapsed, fraction_digits=1),
                "rate": number(tally.sales_sent / elapsed if elapsed else 0),
            }
        )
        problems = []
        if dashboard != recorded:
            problems.append(_("The dashboard does not agree with what the API recorded."))
        if tally.rejected:
            problems.append(
                _("The API rejected %(count)s items, e.g. %(example)s")
                % {"count": number(tally.rejected), "example": tally.rejections[:1]}
            )
        if tally.resend_not_duplicate:
            problems.append(
                _("%(count)s resent items were counted again.") % {"count": tally.resend_not_duplicate}
            )
        if problems:
            raise CommandError(" ".join(problems))
        console.print(_("The dashboard agrees to the rupiah and to the visitor."))


def _progress(client: ApiClient, event_id: int) -> tuple[int, int, int]:
    """(sales, turnover, visitors) as the dashboard's endpoint reports them."""
    status, data = client.request("GET", f"/api/events/{event_id}/progress")
    if status != 200 or not isinstance(data, dict):
        raise ReplayError(
            _("The progress endpoint answered %(status)s: %(data)s") % {"status": status, "data": data}
        )
    return data["sales_count"], data["turnover"], data["visitors"]
