"""Writes for indicators: the indicators themselves, their targets per period and manual realisations."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core import uploads
from sahabat.core.errors import DomainError, NotFound
from sahabat.indicators.computations import COMPUTATIONS
from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation
from sahabat.regions.models import Region

INDICATOR_FIELDS = (
    "name",
    "unit",
    "direction",
    "owner_agency",
    "source",
    "description",
    "kind",
    "computation",
)
TARGET_FIELDS = ("period_start", "period_end", "baseline", "target", "note")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# The value columns hold 20 digits, two after the decimal point.
VALUE_LIMIT = Decimal(10) ** 18
CENT = Decimal("0.01")


def _known_fields(values: dict, allowed: tuple[str, ...], what: str) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _indicator_for_manage(actor: Actor, indicator_id: int) -> Indicator:
    indicator = (
        Indicator.objects.with_scopes_disabled().select_related("region").filter(pk=indicator_id).first()
    )
    if indicator is None or not (actor.is_superuser or indicator.region_id in actor.region_ids()):
        raise NotFound("indicator.unknown", _("This indicator does not exist in your region."))
    actor.require(Perm.INDICATORS_MANAGE, indicator.region_id)
    return indicator


def _figure(value, field: str) -> Decimal:
    """A figure as a Decimal to the cent, within what the database column holds."""
    try:
        figure = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError("indicator.value_invalid", _("Enter a number."), field=field) from None
    if not figure.is_finite() or abs(figure) >= VALUE_LIMIT:
        raise DomainError("indicator.value_too_large", _("The number is too large."), field=field)
    return figure


def _check_indicator(indicator: Indicator) -> None:
    indicator.name = indicator.name.strip()
    indicator.unit = indicator.unit.strip()
    if not indicator.name:
        raise DomainError("indicator.name_required", _("Give the indicator a name."), field="name")
    if indicator.direction not in Indicator.Direction.values:
        raise DomainError(
            "indicator.direction", _("Choose whether higher or lower is better."), field="direction"
        )
    if indicator.kind == Indicator.Kind.COMPUTED:
        computation = COMPUTATIONS.get(indicator.computation)
        if computation is None:
            raise DomainError(
                "indicator.computation", _("Choose what the indicator is computed from."), field="computation"
            )
        indicator.unit = indicator.unit or computation.unit
    elif indicator.kind == Indicator.Kind.MANUAL:
        indicator.computation = ""
    else:
        raise DomainError("indicator.kind", _("Choose manual or computed."), field="kind")
    if not indicator.unit:
        raise DomainError("indicator.unit_required", _("Give the unit, e.g. km or %."), field="unit")
    agency = indicator.owner_agency
    if agency is not None and agency.region_id != indicator.region_id:
        raise DomainError("indicator.agency", _("Choose an agency of this region."), field="owner_agency")
    clash = Indicator.objects.with_scope(region=indicator.region_id).filter(name__iexact=indicator.name)
    if clash.exclude(pk=indicator.pk).exists():
        raise DomainError(
            "indicator.exists",
            _("The region already has an indicator named “%(name)s”.") % {"name": indicator.name},
            field="name",
            status=409,
        )


@transaction.atomic
def indicator_create(*, actor: Actor, region: Region, **values) -> Indicator:
    actor.require(Perm.INDICATORS_MANAGE, region.pk)
    _known_fields(values, INDICATOR_FIELDS, "indicator")
    if not region.is_tenant:
        raise DomainError(
            "region.not_tenant", _("Only a regency or a city keeps indicators."), field="region"
        )
    indicator = Indicator(region=region, **values)
    _check_indicator(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, actor: Actor, indicator_id: int, **values) -> Indicator:
    indicator = _indicator_for_manage(actor, indicator_id)
    _known_fields(values, INDICATOR_FIELDS, "indicator")
    for name, value in values.items():
        setattr(indicator, name, value)
    _check_indicator(indicator)
    if (
        indicator.kind == Indicator.Kind.COMPUTED
        and Realisation.objects.with_scope(region=indicator.region_id).filter(indicator=indicator).exists()
    ):
        raise DomainError(
            "indicator.has_realisations",
            _("This indicator has recorded realisations; it cannot become a computed one."),
            field="kind",
            status=409,
        )
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Actor, indicator_id: int) -> None:
    """Delete an indicator with its targets and realisations (and their evidence files)."""
    indicator = _indicator_for_manage(actor, indicator_id)
    files = [
        realisation.evidence_file
        for realisation in Realisation.objects.with_scope(region=indicator.region_id).filter(
            indicator=indicator
        )
        if realisation.evidence_file
    ]
    indicator.delete()
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def _check_target(target: IndicatorTarget) -> None:
    if target.period_start is None or target.period_end is None:
        raise DomainError(
            "target.period_required", _("Give the start and the end of the period."), field="period_start"
        )
    if target.period_end < target.period_start:
        raise DomainError("target.period_order", _("The period ends before it starts."), field="period_end")
    target.baseline = _figure(target.baseline if target.baseline is not None else 0, "baseline")
    target.target = _figure(target.target, "target")
    target.note = target.note.strip()
    clash = IndicatorTarget.objects.with_scope(region=target.indicator.region_id).filter(
        indicator=target.indicator, period_start=target.period_start, period_end=target.period_end
    )
    if clash.exclude(pk=target.pk).exists():
        raise DomainError(
            "target.exists", _("There is already a target for this period."), field="period_start", status=409
        )


@transaction.atomic
def target_create(*, actor: Actor, indicator_id: int, **values) -> IndicatorTarget:
    indicator = _indicator_for_manage(actor, indicator_id)
    _known_fields(values, TARGET_FIELDS, "target")
    target = IndicatorTarget(indicator=indicator, **values)
    _check_target(target)
    target.save()
    return target


def _target_for_manage(actor: Actor, target_id: int) -> IndicatorTarget:
    target = IndicatorTarget.objects.with_scopes_disabled().filter(pk=target_id).first()
    if target is None:
        raise NotFound("target.unknown", _("This target does not exist in your region."))
    target.indicator = _indicator_for_manage(actor, target.indicator_id)
    return target


@transaction.atomic
def target_update(*, actor: Actor, target_id: int, **values) -> IndicatorTarget:
    target = _target_for_manage(actor, target_id)
    _known_fields(values, TARGET_FIELDS, "target")
    for name, value in values.items():
        setattr(target, name, value)
    _check_target(target)
    target.save()
    return target


@transaction.atomic
def target_delete(*, actor: Actor, target_id: int) -> None:
    _target_for_manage(actor, target_id).delete()


def _check_evidence(file) -> None:
    uploads.check_upload(
        file, kinds=uploads.EVIDENCE, max_bytes=EVIDENCE_MAX_BYTES, field="evidence_file", code="evidence"
    )


@transaction.atomic
def realisation_record(
    *,
    actor: Actor,
    indicator_id: int,
    measured_on: date,
    value,
    evidence_file=None,
    evidence_url: str = "",
    note: str = "",
) -> Realisation:
    """Record the value a manual indicator had on a date, with a file or a link as evidence."""
    indicator = _indicator_for_manage(actor, indicator_id)
    if indicator.kind != Indicator.Kind.MANUAL:
        raise DomainError(
            "realisation.computed_indicator",
            _("This indicator is computed from the platform's data; its realisation is not typed in."),
            status=409,
        )
    if measured_on is None:
        raise DomainError("realisation.date_required", _("Give the date of the value."), field="measured_on")
    if measured_on > timezone.localdate(timezone=indicator.region.tzinfo):
        raise DomainError("realisation.future", _("The date is in the future."), field="measured_on")
    figure = _figure(value, "value")
    if (
        Realisation.objects.with_scope(region=indicator.region_id)
        .filter(indicator=indicator, measured_on=measured_on)
        .exists()
    ):
        raise DomainError(
            "realisation.exists",
            _("A value is already recorded for this date; delete it first to correct it."),
            field="measured_on",
            status=409,
        )
    evidence_url = evidence_url.strip()
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            raise DomainError(
                "realisation.evidence_url",
                _("Enter a web address starting with https://."),
                field="evidence_url",
            ) from None
    if evidence_file:
        _check_evidence(evidence_file)
    return Realisation.objects.create(
        indicator=indicator,
        measured_on=measured_on,
        value=figure,
        evidence_file=evidence_file or "",
        evidence_url=evidence_url,
        note=note.strip(),
        recorded_by_id=actor.user_id,
    )


@transaction.atomic
def realisation_delete(*, actor: Actor, realisation_id: int) -> None:
    realisation = Realisation.objects.with_scopes_disabled().filter(pk=realisation_id).first()
    if realisation is None:
        raise NotFound("realisation.unknown", _("This realisation does not exist in your region."))
    _indicator_for_manage(actor, realisation.indicator_id)
    stored = realisation.evidence_file
    realisation.delete()
    if stored:
        transaction.on_commit(lambda: stored.delete(save=False))
