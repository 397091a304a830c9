"""The sales and visitor ledgers: idempotent batch ingestion, reversals, and rollups kept in step.

Ingestion is the hot path of a carnival (millions of sales from phones), so it writes each batch
with INSERT … ON CONFLICT DO NOTHING (SQLite: one prepared statement run per row; PostgreSQL: one
multi-row statement with RETURNING) and upserts the rollups, aggregated per key, in the same
transaction, instead of the ORM's row-by-row work. Both SQLite (≥ 3.35) and PostgreSQL run it;
docs/events.md ("Ingestion speed") says what each step saves.
"""

from __future__ import annotations

import fcntl
import os
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Sum, Value, When
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.events.models import (
    Booth,
    BoothTotal,
    BuyerType,
    Event,
    EventHourly,
    GateHourly,
    Participation,
    PaymentMethod,
    Sale,
    SalesHourly,
    VisitorCount,
)

MAX_BATCH = 1000
# A single sale above this is far more likely a typo (extra zeros) than a real booth sale.
MAX_SALE_AMOUNT = 1_000_000_000
MAX_VISITOR_PERIOD = timedelta(hours=24)


@dataclass(frozen=True)
class SaleIn:
    """One sale as the ledger takes it; the API passes its schema items, which have the same attributes."""

    client_uuid: uuid.UUID
    booth: str
    amount: int
    occurred_at: datetime
    payment_method: str = PaymentMethod.CASH
    buyer_type: str = BuyerType.PUBLIC
    items: int = 1
    reversal_of: uuid.UUID | None = None


@dataclass(frozen=True)
class VisitorCountIn:
    client_uuid: uuid.UUID
    gate: str
    period_start: datetime
    period_end: datetime
    count: int


@dataclass(slots=True)
class ItemResult:
    index: int
    client_uuid: str
    status: str  # created | duplicate | rejected
    errors: list[dict] = field(default_factory=list)


def _reject(index: int, client_uuid, code: str, message: str, field_name: str) -> ItemResult:
    return ItemResult(
        index=index,
        client_uuid=str(client_uuid),
        status="rejected",
        errors=[{"field": f"items[{index}].{field_name}", "code": code, "message": message}],
    )


def event_for_recording(*, actor: Actor, event_id: int, permission: str) -> Event:
    """The event a device or cashier may record into, or a refusal that says why."""
    event = Event.objects.with_scopes_disabled().select_related("region").filter(pk=event_id).first()
    if event is None or not (actor.is_superuser or event.region_id in actor.region_ids()):
        raise NotFound("event.unknown", _("This event does not exist in your region."))
    actor.require(permission, event.region_id)
    if actor.token_event_id is not None and actor.token_event_id != event.pk:
        raise PermissionDenied("token.other_event", _("This device token is for another event."))
    if event.status != Event.Status.PUBLISHED:
        raise DomainError("event.not_open", _("The event is not open for recording."), status=409)
    return event


def _as_utc(value: datetime, event: Event) -> datetime:
    if timezone.is_naive(value):
        value = value.replace(tzinfo=event.region.tzinfo)
    return value.astimezone(UTC)


def _hour(value: datetime) -> datetime:
    return value.replace(minute=0, second=0, microsecond=0)


def _adapters():
    """Fast converters to database values, chosen once per batch for the connection's vendor.

    Django's per-field preparation costs more than the insert itself at 500 rows a batch; these do
    the same conversions directly (SQLite: naive UTC text and hex UUIDs; PostgreSQL: native types).
    """
    if connection.vendor == "sqlite":
        # The UTC time's ISO text without its "+00:00": what str() of the naive time gives, at half the cost.
        return (lambda moment: moment.astimezone(UTC).isoformat(" ")[:-6]), (lambda value: value.hex)
    return (lambda moment: moment), (lambda value: value)


_writer_locks: dict[str, object] = {}


@contextmanager
def _writer_turn() -> Iterator[None]:
    """On a SQLite file, wait for this process's turn to write in an OS file lock beside the database.

    SQLite admits one writer; a second one that finds the database locked sleeps in SQLite's busy
    handler for 1, 2, 5, 10, 15 … ms between tries, so the database often sits idle while the next
    batch sleeps. Waiting in `flock` instead wakes the next writer the moment the lock is released.
    Skipped inside an outer transaction (which may already hold SQLite's lock) and on PostgreSQL.
    """
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or connection.in_atomic_block or not os.path.isabs(name):
        yield
        return
    lock = _writer_locks.get(name)
    if lock is None:
        lock = _writer_locks[name] = open(f"{name}-ingest.lock", "a+b")  # noqa: SIM115 - kept open
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)


def _insert_returning(model, columns: Sequence[str], rows: Sequence[Sequence], returning: str) -> set:
    """INSERT many rows, skipping any that collide with a unique constraint; return what was stored."""
    if not rows:
        return set()
    table = model._meta.db_table
    quote = connection.ops.quote_name
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
        + ", ".join([placeholders] * len(rows))
        + f" ON CONFLICT DO NOTHING RETURNING {quote(returning)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
        return {value for (value,) in cursor.fetchall()}


def _insert_sales(rows: Sequence[Sequence]) -> set | None:
    """INSERT the sales rows, skipping UUIDs the event already has; the stored UUIDs, or None for all.

    On SQLite the batch goes through `executemany` of one prepared one-row statement, which is what
    the raw baseline does and cheaper than one statement with 6,500 parameters. The transaction holds
    the database's only write lock (BEGIN IMMEDIATE), so when fewer rows went in than were sent, the
    new rows are exactly those above the highest id before the insert. PostgreSQL, where writers run
    side by side, asks the INSERT itself (RETURNING).
    """
    if not rows:
        return set()
    if connection.vendor != "sqlite":
        return _insert_returning(Sale, SALE_COLUMNS, rows, "client_uuid")
    with connection.cursor() as cursor:
        cursor.execute('SELECT max("id") FROM "events_sale"')
        (highest,) = cursor.fetchone()
        cursor.executemany(_SQLITE_SALE_INSERT, rows)
        if cursor.rowcount == len(rows):
            return None
        cursor.execute('SELECT "client_uuid" FROM "events_sale" WHERE "id" > %s', [highest or 0])
        return {value for (value,) in cursor.fetchall()}


def _upsert_add(model, key: Sequence[str], measures: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Add to rollup counters: INSERT the row, or on an existing key add the measures to it.

    The rows come aggregated (one per key) and sorted by key, so that the pages of the key's index are
    visited in order; `key` names the columns in the order of that index. SQLite takes them as one
    prepared statement run per row, PostgreSQL as one statement.
    """
    if not rows:
        return
    rows = sorted(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(upsert_add_sql(model, key, measures), rows)
        else:
            cursor.execute(
                upsert_add_sql(model, key, measures, rows=len(rows)), [value for row in rows for value in row]
            )


def upsert_add_sql(
    model, key: Sequence[str], measures: Sequence[str], *, rows: int = 1, placeholder: str = "%s"
) -> str:
    """The statement of `_upsert_add` for `rows` rows (the ingestion benchmark runs it with sqlite3's `?`)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [*key, *measures]
    values = "(" + ", ".join([placeholder] * len(columns)) + ")"
    updates = ", ".join(f"{quote(m)} = {table}.{quote(m)} + excluded.{quote(m)}" for m in measures)
    return (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) VALUES "
        + ", ".join([values] * rows)
        + f" ON CONFLICT ({', '.join(quote(k) for k in key)}) DO UPDATE SET {updates}"
    )


def _approved_booths(event: Event, codes: set[str]) -> dict[str, tuple[int, int]]:
    """booth code → (booth id, enterprise id), for the batch's booths that have an approved participant.

    Plain SQL: the ORM's query building and row handling cost more than the query at every batch.
    """
    participation, booth = Participation._meta, Booth._meta
    quote = connection.ops.quote_name
    found = {}
    codes = sorted(codes)
    with connection.cursor() as cursor:
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            cursor.execute(
                f"SELECT b.{quote('code')}, b.{quote('id')}, p.{quote('enterprise_id')} "
                f"FROM {quote(participation.db_table)} p "
                f"JOIN {quote(booth.db_table)} b ON b.{quote('id')} = p.{quote('booth_id')} "
                f"WHERE p.{quote('event_id')} = %s AND p.{quote('status')} = %s "
                f"AND b.{quote('event_id')} = %s AND b.{quote('code')} IN ({', '.join(['%s'] * len(chunk))})",
                [event.pk, Participation.Status.APPROVED, event.pk, *chunk],
            )
            found.update(
                {code: (booth_id, enterprise_id) for code, booth_id, enterprise_id in cursor.fetchall()}
            )
    return found


def _as_uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


SALE_COLUMNS = (
    "event_id",
    "booth_id",
    "enterprise_id",
    "occurred_at",
    "amount",
    "items",
    "payment_method",
    "buyer_type",
    "client_uuid",
    "device_id",
    "recorded_by_id",
    "reversal_of_id",
    "received_at",
)
_SQLITE_SALE_INSERT = (
    f'INSERT INTO "events_sale" ({", ".join(SALE_COLUMNS)}) '
    f"VALUES ({', '.join(['%s'] * len(SALE_COLUMNS))}) ON CONFLICT DO NOTHING"
)


def sale_record_batch(*, actor: Actor, event_id: int, items: Sequence[SaleIn]) -> list[ItemResult]:
    """Record a batch of booth sales; each item is judged on its own, and a resent UUID counts once."""
    if len(items) > MAX_BATCH:
        raise DomainError(
            "batch.too_large", _("Send at most %(max)s items per batch.") % {"max": MAX_BATCH}, status=413
        )
    event = event_for_recording(actor=actor, event_id=event_id, permission=Perm.SALES_RECORD)
    booths = _approved_booths(event, {item.booth for item in items})
    window_start, window_end = event.window_starts_at, event.window_ends_at
    now = timezone.now()
    latest = now + timedelta(minutes=10)
    local_zone = event.region.tzinfo
    results: list[ItemResult | None] = [None] * len(items)
    accepted: list[tuple[int, SaleIn, datetime, int, int]] = []
    seen: set[uuid.UUID] = set()
    payment_methods, buyer_types = set(PaymentMethod.values), set(BuyerType.values)

    for index, item in enumerate(items):
        reject = None
        occurred_at = item.occurred_at
        if occurred_at.tzinfo is None:
            occurred_at = occurred_at.replace(tzinfo=local_zone)
        occurred_at = occurred_at.astimezone(UTC)
        booth = booths.get(item.booth)
        if item.client_uuid in seen:
            results[index] = ItemResult(index, str(item.client_uuid), "duplicate")
            continue
        if booth is None:
            reject = (
                "sale.booth_not_approved",
                _("Booth %(booth)s has no approved participant at this event.") % {"booth": item.booth},
                "booth",
            )
        elif item.reversal_of is None and item.amount <= 0:
            reject = ("sale.amount_not_positive", _("The amount must be more than 0."), "amount")
        elif item.reversal_of is not None and item.amount >= 0:
            reject = ("sale.reversal_not_negative", _("A reversal must have a negative amount."), "amount")
        elif abs(item.amount) > MAX_SALE_AMOUNT:
            reject = (
                "sale.amount_too_large",
                _("The amount is implausibly large for one sale; check the zeros."),
                "amount",
            )
        elif not window_start <= occurred_at < window_end:
            reject = (
                "sale.outside_window",
                _("The sale is outside the event's reporting window."),
                "occurred_at",
            )
        elif occurred_at > latest:
            reject = (
                "sale.in_future",
                _("The time of sale is in the future; check the device clock."),
                "occurred_at",
            )
        elif item.payment_method not in payment_methods:
            reject = ("sale.payment_method", _("Unknown payment method."), "payment_method")
        elif item.buyer_type not in buyer_types:
            reject = ("sale.buyer_type", _("Unknown buyer type."), "buyer_type")
        elif item.items < 1:
            reject = ("sale.items", _("The number of items must be at least 1."), "items")
        if reject:
            results[index] = _reject(index, item.client_uuid, *reject)
            continue
        seen.add(item.client_uuid)
        accepted.append((index, item, occurred_at, *booth))

    originals = [entry for entry in accepted if entry[1].reversal_of is None]
    reversals = [entry for entry in accepted if entry[1].reversal_of is not None]
    # Everything that does not depend on what the database already holds is prepared before the
    # transaction, so that the write lock is held for the writes alone: the rows, and the rollups as
    # they will be when every original is new (the usual case; recomputed when some were not).
    rows = _sale_rows(event, actor, originals, {}, now)
    rollups = _sale_rollups(event, originals) if not reversals else None
    # No look-up of known UUIDs first: the INSERT skips them (ON CONFLICT DO NOTHING) and says
    # which rows it stored, which is also what keeps two concurrent resends from counting twice.
    with _writer_turn(), transaction.atomic():
        stored = _store_sales(event, originals, rows, results)
        if reversals:
            stored += _store_reversals(event, actor, reversals, results, now)
        if rollups is None or len(stored) != len(originals):
            rollups = _sale_rollups(event, stored)
        _rollups_write(rollups)
    return [result for result in results if result is not None]


def _existing_uuids(model, event: Event, uuids: list[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        found |= {
            _as_uuid(value)
            for value in model.objects.with_scopes_disabled()
            .filter(event=event, client_uuid__in=chunk)
            .values_list("client_uuid", flat=True)
        }
    return found


def _sale_rows(event, actor, entries, reversal_ids: dict, now) -> list[tuple]:
    moment, as_uuid = _adapters()
    received_at = moment(now)
    event_id, device_id = event.pk, actor.token_id
    recorded_by = actor.user_id if actor.token_id is None else None
    return [
        (
            event_id,
            booth_id,
            enterprise_id,
            moment(occurred_at),
            item.amount,
            item.items,
            item.payment_method,
            item.buyer_type,
            as_uuid(item.client_uuid),
            device_id,
            recorded_by,
            reversal_ids.get(index),
            received_at,
        )
        for index, item, occurred_at, booth_id, enterprise_id in entries
    ]


def _store_sales(event, entries, rows, results) -> list:
    stored_uuids = _insert_sales(rows)
    if stored_uuids is None:
        for entry in entries:
            index = entry[0]
            results[index] = ItemResult(index, str(entry[1].client_uuid), "created")
        return list(entries)
    stored_uuids = {_as_uuid(value) for value in stored_uuids}
    skipped = [entry[1].client_uuid for entry in entries if entry[1].client_uuid not in stored_uuids]
    known = _existing_uuids(Sale, event, skipped) if skipped else set()
    stored = []
    for entry in entries:
        index, item = entry[0], entry[1]
        if item.client_uuid in stored_uuids:
            results[index] = ItemResult(index, str(item.client_uuid), "created")
            stored.append(entry)
        elif item.client_uuid in known:
            results[index] = ItemResult(index, str(item.client_uuid), "duplicate")
        else:
            # Not stored, yet its UUID is new: only a reversal can collide elsewhere (one per sale).
            results[index] = _reject(
                index,
                item.client_uuid,
                "sale.already_reversed",
                _("This sale has already been reversed."),
                "reversal_of",
            )
    return stored


TARGET_COLUMNS = ("client_uuid", "pk", "booth_id", "amount", "reversal_of_id", "reversed_by")


def _store_reversals(event, actor, entries, results, now) -> list:
    """Reversals point at their original by its client UUID; the original may be in the same batch."""
    if not entries:
        return []
    originals = Sale.objects.with_scopes_disabled().filter(
        event=event, client_uuid__in=[entry[1].reversal_of for entry in entries]
    )
    targets = {_as_uuid(row[0]): row[1:] for row in originals.values_list(*TARGET_COLUMNS)}
    resent = _existing_uuids(Sale, event, [entry[1].client_uuid for entry in entries])
    valid, reversal_ids = [], {}
    for entry in entries:
        index, item, _occurred_at, booth_id, _enterprise_id = entry
        target = targets.get(item.reversal_of)
        problem = None
        if item.client_uuid in resent:
            results[index] = ItemResult(index, str(item.client_uuid), "duplicate")
            continue
        if target is None:
            problem = ("sale.reversal_unknown", _("The sale to reverse does not exist at this event."))
        elif target[3] is not None:
            problem = ("sale.reversal_of_reversal", _("A reversal cannot itself be reversed."))
        elif target[4] is not None:
            problem = ("sale.already_reversed", _("This sale has already been reversed."))
        elif target[1] != booth_id:
            problem = (
                "sale.reversal_booth",
                _("A reversal must be recorded at the booth of the original sale."),
            )
        elif target[2] != -item.amount:
            problem = ("sale.reversal_amount", _("A reversal must cancel exactly the original amount."))
        if problem:
            results[index] = _reject(index, item.client_uuid, *problem, "reversal_of")
            continue
        reversal_ids[index] = target[0]
        valid.append(entry)
    return _store_sales(event, valid, _sale_rows(event, actor, valid, reversal_ids, now), results)


def _sale_rollups(event: Event, stored: list) -> list[tuple]:
    """The rollup rows the stored sales add, one per key of each rollup (a batch of 500 sales at
    2,500 booths touches about 450 booth-hours, so the per-key sums are what keeps this small)."""
    moment, _as_db_uuid = _adapters()
    event_id = event.pk
    by_booth_hour: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    by_event_hour: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    by_booth: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    hours: dict[datetime, object] = {}
    for _index, item, occurred_at, booth_id, enterprise_id in stored:
        # A reversal removes the sale from the count as well as from the turnover.
        count = -1 if item.reversal_of is not None else 1
        hour = occurred_at.replace(minute=0, second=0, microsecond=0)
        if hour not in hours:
            hours[hour] = moment(hour)
        hour = hours[hour]
        for bucket in (
            by_booth_hour[(booth_id, hour)],
            by_event_hour[(hour, item.payment_method, item.buyer_type)],
            by_booth[(booth_id, enterprise_id)],
        ):
            bucket[0] += count
            bucket[1] += item.amount
    return [
        (
            SalesHourly,
            ("event_id", "hour", "booth_id"),
            [(event_id, hour, booth, *totals) for (booth, hour), totals in by_booth_hour.items()],
        ),
        (
            EventHourly,
            ("event_id", "hour", "payment_method", "buyer_type"),
            [
                (event_id, hour, method, buyer, *totals)
                for (hour, method, buyer), totals in by_event_hour.items()
            ],
        ),
        (
            BoothTotal,
            ("event_id", "booth_id", "enterprise_id"),
            [(event_id, booth, enterprise, *totals) for (booth, enterprise), totals in by_booth.items()],
        ),
    ]


ROLLUP_MEASURES = ("sales_count", "turnover")


def _rollups_write(rollups: list[tuple]) -> None:
    for model, key, rows in rollups:
        _upsert_add(model, key, ROLLUP_MEASURES, rows)


VISITOR_COLUMNS = (
    "event_id",
    "gate",
    "period_start",
    "period_end",
    "count",
    "client_uuid",
    "device_id",
    "recorded_by_id",
    "received_at",
)


def visitor_count_record_batch(
    *, actor: Actor, event_id: int, items: Sequence[VisitorCountIn]
) -> list[ItemResult]:
    """Record gate counts; like sales, each item on its own and a resent UUID counts once."""
    if len(items) > MAX_BATCH:
        raise DomainError(
            "batch.too_large", _("Send at most %(max)s items per batch.") % {"max": MAX_BATCH}, status=413
        )
    event = event_for_recording(actor=actor, event_id=event_id, permission=Perm.VISITORS_RECORD)
    window_start, window_end = event.window_starts_at, event.window_ends_at
    now = timezone.now()
    results: list[ItemResult | None] = [None] * len(items)
    accepted, seen = [], set()
    for index, item in enumerate(items):
        start, end = _as_utc(item.period_start, event), _as_utc(item.period_end, event)
        reject = None
        if item.client_uuid in seen:
            results[index] = ItemResult(index, str(item.client_uuid), "duplicate")
            continue
        if not item.gate.strip():
            reject = ("visitors.gate_required", _("Name the gate."), "gate")
        elif item.count < 0:
            reject = ("visitors.count_negative", _("The visitor count cannot be negative."), "count")
        elif end <= start:
            reject = ("visitors.period_order", _("The period must end after it starts."), "period_end")
        elif end - start > MAX_VISITOR_PERIOD:
            reject = ("visitors.period_too_long", _("A count may cover at most 24 hours."), "period_end")
        elif not (window_start <= start and end <= window_end):
            reject = (
                "visitors.outside_window",
                _("The period is outside the event's reporting window."),
                "period_start",
            )
        if reject:
            results[index] = _reject(index, item.client_uuid, *reject)
            continue
        seen.add(item.client_uuid)
        accepted.append((index, item, start, end))
    moment, as_uuid = _adapters()
    with _writer_turn(), transaction.atomic():
        already = _existing_uuids(VisitorCount, event, [entry[1].client_uuid for entry in accepted])
        rows, fresh = [], []
        for index, item, start, end in accepted:
            if item.client_uuid in already:
                results[index] = ItemResult(index, str(item.client_uuid), "duplicate")
                continue
            fresh.append((index, item, start))
            rows.append(
                (
                    event.pk,
                    item.gate.strip(),
                    moment(start),
                    moment(end),
                    item.count,
                    as_uuid(item.client_uuid),
                    actor.token_id,
                    actor.user_id if actor.token_id is None else None,
                    moment(now),
                )
            )
        stored = {_as_uuid(v) for v in _insert_returning(VisitorCount, VISITOR_COLUMNS, rows, "client_uuid")}
        by_gate_hour: dict[tuple, int] = defaultdict(int)
        for index, item, start in fresh:
            if item.client_uuid in stored:
                results[index] = ItemResult(index, str(item.client_uuid), "created")
                by_gate_hour[(item.gate.strip(), _hour(start))] += item.count
            else:
                results[index] = ItemResult(index, str(item.client_uuid), "duplicate")
        _upsert_add(
            GateHourly,
            ("event_id", "gate", "hour"),
            ("visitors",),
            [(event.pk, gate, moment(hour), visitors) for (gate, hour), visitors in by_gate_hour.items()],
        )
    return [result for result in results if result is not None]


@dataclass(frozen=True)
class RollupDifference:
    table: str
    key: tuple
    stored: tuple
    expected: tuple


@transaction.atomic
def rollups_rebuild(*, event: Event) -> list[RollupDifference]:
    """Recompute every rollup of the event from the ledger; return where the stored ones differed."""
    sales = Sale.objects.with_scopes_disabled().filter(event=event)
    signed_count = Sum(_sale_sign())
    expected = {
        "sales_hourly": {
            (row["booth_id"], row["hour"]): (row["n"], row["total"])
            for row in sales.annotate(hour=TruncHour("occurred_at", tzinfo=UTC))
            .values("booth_id", "hour")
            .annotate(n=signed_count, total=Sum("amount"))
        },
        "event_hourly": {
            (row["hour"], row["payment_method"], row["buyer_type"]): (row["n"], row["total"])
            for row in sales.annotate(hour=TruncHour("occurred_at", tzinfo=UTC))
            .values("hour", "payment_method", "buyer_type")
            .annotate(n=signed_count, total=Sum("amount"))
        },
        "booth_total": {
            (row["booth_id"], row["enterprise_id"]): (row["n"], row["total"])
            for row in sales.values("booth_id", "enterprise_id").annotate(n=signed_count, total=Sum("amount"))
        },
        "gate_hourly": {
            (row["gate"], row["hour"]): (row["total"],)
            for row in VisitorCount.objects.with_scopes_disabled()
            .filter(event=event)
            .annotate(hour=TruncHour("period_start", tzinfo=UTC))
            .values("gate", "hour")
            .annotate(total=Sum("count"))
        },
    }
    stored = {
        "sales_hourly": {
            (r.booth_id, r.hour): (r.sales_count, r.turnover)
            for r in SalesHourly.objects.with_scopes_disabled().filter(event=event)
        },
        "event_hourly": {
            (r.hour, r.payment_method, r.buyer_type): (r.sales_count, r.turnover)
            for r in EventHourly.objects.with_scopes_disabled().filter(event=event)
        },
        "booth_total": {
            (r.booth_id, r.enterprise_id): (r.sales_count, r.turnover)
            for r in BoothTotal.objects.with_scopes_disabled().filter(event=event)
        },
        "gate_hourly": {
            (r.gate, r.hour): (r.visitors,)
            for r in GateHourly.objects.with_scopes_disabled().filter(event=event)
        },
    }
    differences = []
    for table, rows in expected.items():
        for key in rows.keys() | stored[table].keys():
            zero = tuple(0 for _ in next(iter(rows.values()), (0,)))
            if rows.get(key, zero) != stored[table].get(key, zero):
                differences.append(
                    RollupDifference(table, key, stored[table].get(key, zero), rows.get(key, zero))
                )
    if differences:
        for model in (SalesHourly, EventHourly, BoothTotal, GateHourly):
            model.objects.with_scopes_disabled().filter(event=event).delete()
        SalesHourly.objects.bulk_create(
            SalesHourly(event=event, booth_id=b, hour=h, sales_count=n, turnover=t)
            for (b, h), (n, t) in expected["sales_hourly"].items()
        )
        EventHourly.objects.bulk_create(
            EventHourly(event=event, hour=h, payment_method=p, buyer_type=bt, sales_count=n, turnover=t)
            for (h, p, bt), (n, t) in expected["event_hourly"].items()
        )
        BoothTotal.objects.bulk_create(
            BoothTotal(event=event, booth_id=b, enterprise_id=e, sales_count=n, turnover=t)
            for (b, e), (n, t) in expected["booth_total"].items()
        )
        GateHourly.objects.bulk_create(
            GateHourly(event=event, gate=g, hour=h, visitors=v)
            for (g, h), (v,) in expected["gate_hourly"].items()
        )
    return differences


def _sale_sign():
    """+1 for a sale, -1 for a reversal: the same counting rule as the live rollups."""
    return Case(
        When(reversal_of__isnull=False, then=Value(-1)), default=Value(1), output_field=IntegerField()
    )
