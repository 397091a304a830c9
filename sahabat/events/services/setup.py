"""Event set-up: the event itself, its zones and booths, and the enterprises invited to sell."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import ApiToken
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.services import IssuedToken, api_token_create, api_token_revoke
from sahabat.core.errors import DomainError, NotFound
from sahabat.events.models import Booth, Event, Participation, Zone
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise

EVENT_FIELDS = (
    "name",
    "venue",
    "description",
    "main_start",
    "main_end",
    "window_start",
    "window_end",
    "target_visitors",
    "target_turnover",
    "status",
)
MAX_BOOTHS_AT_ONCE = 5000
_BOOTH_RANGE = re.compile(
    r"^(?P<prefix>.*?)(?P<first>\d+)\s*(?:…|\.\.\.|-|–|s/d)\s*(?P=prefix)?(?P<last>\d+)$"
)


def _check_dates(values: dict) -> None:
    main_start, main_end = values.get("main_start"), values.get("main_end")
    window_start, window_end = values.get("window_start"), values.get("window_end")
    if main_start and main_end and main_end < main_start:
        raise DomainError(
            "event.main_days_order", _("The last main day is before the first."), field="main_end"
        )
    if window_start and main_start and window_start > main_start:
        raise DomainError(
            "event.window_start",
            _("The reporting window must start on or before the first main day."),
            field="window_start",
        )
    if window_end and main_end and window_end < main_end:
        raise DomainError(
            "event.window_end",
            _("The reporting window must end on or after the last main day."),
            field="window_end",
        )


def _event_for_manage(actor: Actor, event_id: int) -> Event:
    event = Event.objects.with_scopes_disabled().select_related("region").filter(pk=event_id).first()
    if event is None or not (actor.is_superuser or event.region_id in actor.region_ids()):
        raise NotFound("event.unknown", _("This event does not exist in your region."))
    actor.require(Perm.EVENTS_MANAGE, event.region_id)
    return event


@transaction.atomic
def event_create(*, actor: Actor, region: Region, **values) -> Event:
    actor.require(Perm.EVENTS_MANAGE, region.pk)
    if not region.is_tenant:
        raise DomainError(
            "region.not_tenant", _("Only a regency or a city can host an event."), field="region"
        )
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown event fields: {sorted(unknown)}")
    _check_dates(values)
    return Event.objects.create(region=region, **values)


@transaction.atomic
def event_update(*, actor: Actor, event_id: int, **values) -> Event:
    event = _event_for_manage(actor, event_id)
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown event fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(event, name, value)
    _check_dates({name: getattr(event, name) for name in EVENT_FIELDS})
    event.save()
    return event


@transaction.atomic
def zone_create(*, actor: Actor, event_id: int, code: str, name: str) -> Zone:
    event = _event_for_manage(actor, event_id)
    code = code.strip().upper()
    if not code or not name.strip():
        raise DomainError("zone.required", _("A zone needs a code and a name."), field="code")
    if Zone.objects.with_scopes_disabled().filter(event=event, code=code).exists():
        raise DomainError(
            "zone.exists", _("Zone %(code)s already exists.") % {"code": code}, field="code", status=409
        )
    return Zone.objects.create(event=event, code=code, name=name.strip())


def booth_codes_expand(spec: str) -> list[str]:
    """`A-001 … A-200` (or `A-001-A-200`, `A-001...A-200`, `A-001 s/d A-200`) → the 200 codes.

    The zero padding of the first number is kept: `A-001` … `A-200`."""
    spec = spec.strip()
    match = _BOOTH_RANGE.match(spec)
    if not match:
        return [spec] if spec else []
    prefix, first, last = match["prefix"], match["first"], match["last"]
    width = len(first)
    start, end = int(first), int(last)
    if end < start:
        raise DomainError("booth.range_order", _("The range must go from low to high."), field="codes")
    if end - start + 1 > MAX_BOOTHS_AT_ONCE:
        raise DomainError(
            "booth.range_too_large",
            _("At most %(max)s booths can be created at once.") % {"max": MAX_BOOTHS_AT_ONCE},
            field="codes",
        )
    return [f"{prefix}{number:0{width}d}" for number in range(start, end + 1)]


@transaction.atomic
def booths_create(
    *, actor: Actor, event_id: int, zone_id: int, codes: str, category: str = ""
) -> list[Booth]:
    """Create booths from a range such as `A-001 … A-200`; a code that exists already is refused."""
    event = _event_for_manage(actor, event_id)
    zone = Zone.objects.with_scopes_disabled().filter(pk=zone_id, event=event).first()
    if zone is None:
        raise DomainError("booth.zone", _("Choose a zone of this event."), field="zone")
    wanted = booth_codes_expand(codes)
    if not wanted:
        raise DomainError("booth.codes_required", _("Give a booth code or a range."), field="codes")
    taken = set(
        Booth.objects.with_scopes_disabled()
        .filter(event=event, code__in=wanted)
        .values_list("code", flat=True)
    )
    if taken:
        raise DomainError(
            "booth.exists",
            _("These booth codes already exist: %(codes)s") % {"codes": ", ".join(sorted(taken)[:10])},
            field="codes",
            status=409,
        )
    return Booth.objects.bulk_create(
        Booth(event=event, zone=zone, code=code, category=category) for code in wanted
    )


@transaction.atomic
def participation_invite(
    *, actor: Actor, event_id: int, enterprise_id: int, booth_id: int | None = None
) -> Participation:
    """Invite an enterprise of any region to sell; the host decides, the guest region is not asked."""
    event = _event_for_manage(actor, event_id)
    enterprise = Enterprise.objects.with_scopes_disabled().filter(pk=enterprise_id).first()
    if enterprise is None:
        raise DomainError(
            "participation.enterprise", _("This enterprise is not in the register."), field="enterprise"
        )
    if enterprise.status != Enterprise.Status.ACTIVE:
        raise DomainError(
            "participation.enterprise_closed", _("This enterprise is closed."), field="enterprise"
        )
    booth = _booth_of(event, booth_id)
    try:
        with transaction.atomic():
            return Participation.objects.create(
                event=event, enterprise=enterprise, booth=booth, invited_by_id=actor.user_id
            )
    except IntegrityError:
        raise DomainError(
            "participation.exists",
            _("This enterprise is already invited to the event."),
            field="enterprise",
            status=409,
        ) from None


def _booth_of(event: Event, booth_id: int | None) -> Booth | None:
    if booth_id is None:
        return None
    booth = Booth.objects.with_scopes_disabled().filter(pk=booth_id, event=event).first()
    if booth is None:
        raise DomainError("participation.booth", _("Choose a booth of this event."), field="booth")
    return booth


@transaction.atomic
def participation_decide(
    *, actor: Actor, participation_id: int, status: str, booth_id: int | None = None
) -> Participation:
    """Approve (with a booth), reject or withdraw an invitation; one approved enterprise per booth."""
    participation = (
        Participation.objects.with_scopes_disabled()
        .select_related("event")
        .filter(pk=participation_id)
        .first()
    )
    if participation is None:
        raise NotFound("participation.unknown", _("This participation does not exist in your region."))
    event = _event_for_manage(actor, participation.event_id)
    if status not in Participation.Status.values or status == Participation.Status.INVITED:
        raise DomainError("participation.status", _("Choose approve, reject or withdraw."), field="status")
    if booth_id is not None:
        participation.booth = _booth_of(event, booth_id)
    if status == Participation.Status.APPROVED and participation.booth is None:
        raise DomainError(
            "participation.booth_required", _("Assign a booth before approving."), field="booth"
        )
    participation.status = status
    participation.decided_at = timezone.now()
    try:
        with transaction.atomic():
            participation.save()
    except IntegrityError:
        raise DomainError(
            "participation.booth_taken",
            _("Another enterprise is already approved for this booth."),
            field="booth",
            status=409,
        ) from None
    return participation


@transaction.atomic
def event_device_token_create(
    *, actor: Actor, event_id: int, name: str, valid_days: int | None = None
) -> IssuedToken:
    """A booth-cashier token that records for this event only; the raw key is returned once."""
    event = _event_for_manage(actor, event_id)
    if event.status == Event.Status.CANCELLED:
        raise DomainError(
            "event.cancelled", _("This event is cancelled; it needs no devices."), field="name", status=409
        )
    issued = api_token_create(
        actor=actor, region=event.region, name=name, role=Role.BOOTH_CASHIER, valid_days=valid_days
    )
    issued.token.event = event
    issued.token.save(update_fields=["event"])
    return issued


@transaction.atomic
def event_device_token_revoke(*, actor: Actor, event_id: int, token_id: int) -> ApiToken:
    """Revoke a device token of this event; a token of another event is not found here."""
    event = _event_for_manage(actor, event_id)
    if not ApiToken.objects.with_scopes_disabled().filter(pk=token_id, event=event).exists():
        raise NotFound("token.unknown", _("This device token does not belong to the event."))
    return api_token_revoke(actor=actor, token_id=token_id)
