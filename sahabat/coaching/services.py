"""Writes for coaching: programmes, their sessions and participants, and the outcomes participants achieve.

An outcome that is a licence (an NIB obtained, a halal certificate) with its number also goes into the
register through `registry.services.licence_add`, so the number is checked and kept unique there, once.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.coaching.models import Outcome, Participant, Programme, Session
from sahabat.core.errors import DomainError, ErrorDetail, NotFound, domain_error_from_validation
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence
from sahabat.registry.selectors import licence_list
from sahabat.registry.services import licence_add
from sahabat.registry.validators import licence_number_normalize

PROGRAMME_FIELDS = (
    "name",
    "type",
    "organiser",
    "partner",
    "description",
    "starts_on",
    "ends_on",
    "target_participants",
)
SESSION_FIELDS = ("title", "held_on", "district", "venue", "notes")
# Outcomes that are a licence in the register, and the licence type each one is.
OUTCOME_LICENCES = {
    Outcome.Type.NIB_OBTAINED: Licence.Type.NIB,
    Outcome.Type.HALAL_CERTIFIED: Licence.Type.HALAL,
}


def _known_fields(values: dict, allowed: tuple[str, ...], what: str) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _in_region(actor: Actor, region_id: int) -> bool:
    return actor.is_superuser or region_id in actor.region_ids()


def _programme_for_manage(actor: Actor, programme_id: int) -> Programme:
    programme = (
        Programme.objects.with_scopes_disabled().select_related("region").filter(pk=programme_id).first()
    )
    if programme is None or not _in_region(actor, programme.region_id):
        raise NotFound("programme.unknown", _("This programme does not exist in your region."))
    actor.require(Perm.COACHING_MANAGE, programme.region_id)
    return programme


def _check_programme(programme: Programme) -> None:
    programme.name = programme.name.strip()
    if not programme.name:
        raise DomainError("programme.name_required", _("Give the programme a name."), field="name")
    if programme.type not in Programme.Type.values:
        raise DomainError("programme.type", _("Choose the kind of programme."), field="type")
    if programme.ends_on and programme.starts_on and programme.ends_on < programme.starts_on:
        raise DomainError(
            "programme.dates_order", _("The last day is before the first day."), field="ends_on"
        )
    if programme.target_participants is None or programme.target_participants < 0:
        raise DomainError(
            "programme.target_participants",
            _("The planned number of participants cannot be negative."),
            field="target_participants",
        )


@transaction.atomic
def programme_create(*, actor: Actor, region: Region, **values) -> Programme:
    actor.require(Perm.COACHING_MANAGE, region.pk)
    _known_fields(values, PROGRAMME_FIELDS, "programme")
    if not region.is_tenant:
        raise DomainError("region.not_tenant", _("Only a regency or a city runs programmes."), field="region")
    programme = Programme(region=region, **values)
    _check_programme(programme)
    programme.save()
    return programme


@transaction.atomic
def programme_update(*, actor: Actor, programme_id: int, **values) -> Programme:
    programme = _programme_for_manage(actor, programme_id)
    _known_fields(values, PROGRAMME_FIELDS, "programme")
    for name, value in values.items():
        setattr(programme, name, value)
    _check_programme(programme)
    sessions = Session.objects.with_scope(region=programme.region_id).filter(programme=programme)
    if sessions.filter(held_on__lt=programme.starts_on).exists() or (
        programme.ends_on and sessions.filter(held_on__gt=programme.ends_on).exists()
    ):
        raise DomainError(
            "programme.sessions_outside",
            _("Some sessions fall outside these dates; move them first."),
            field="starts_on",
        )
    programme.save()
    return programme


@transaction.atomic
def programme_delete(*, actor: Actor, programme_id: int) -> None:
    """Delete a programme with its sessions, participants and outcomes; licences stay in the register."""
    _programme_for_manage(actor, programme_id).delete()


def _check_session(session: Session, programme: Programme) -> None:
    session.title = session.title.strip()
    if not session.title:
        raise DomainError("session.title_required", _("Give the session a title."), field="title")
    if session.held_on is None:
        raise DomainError("session.date_required", _("Give the date of the session."), field="held_on")
    if session.held_on < programme.starts_on or (programme.ends_on and session.held_on > programme.ends_on):
        raise DomainError(
            "session.outside_programme",
            _("The session must fall within the programme's dates."),
            field="held_on",
        )
    district = session.district
    if district is not None and (
        district.parent_id != programme.region_id or district.level != Region.Level.DISTRICT
    ):
        raise DomainError("session.district", _("The district is not in this regency."), field="district")


@transaction.atomic
def session_create(*, actor: Actor, programme_id: int, **values) -> Session:
    programme = _programme_for_manage(actor, programme_id)
    _known_fields(values, SESSION_FIELDS, "session")
    session = Session(programme=programme, **values)
    _check_session(session, programme)
    session.save()
    return session


def _session_for_manage(actor: Actor, session_id: int) -> Session:
    session = Session.objects.with_scopes_disabled().filter(pk=session_id).first()
    if session is None:
        raise NotFound("session.unknown", _("This session does not exist in your region."))
    session.programme = _programme_for_manage(actor, session.programme_id)
    return session


@transaction.atomic
def session_update(*, actor: Actor, session_id: int, **values) -> Session:
    session = _session_for_manage(actor, session_id)
    _known_fields(values, SESSION_FIELDS, "session")
    for name, value in values.items():
        setattr(session, name, value)
    _check_session(session, session.programme)
    session.save()
    return session


@transaction.atomic
def session_delete(*, actor: Actor, session_id: int) -> None:
    _session_for_manage(actor, session_id).delete()


@transaction.atomic
def participant_add(
    *, actor: Actor, programme_id: int, enterprise_id: int, joined_on: date | None = None
) -> Participant:
    """Enrol an active enterprise of the programme's own region, once."""
    programme = _programme_for_manage(actor, programme_id)
    enterprise = Enterprise.objects.with_scope(region=programme.region_id).filter(pk=enterprise_id).first()
    if enterprise is None:
        raise DomainError(
            "participant.enterprise_unknown",
            _("This enterprise is not in the register of %(region)s.") % {"region": programme.region.name},
            field="enterprise",
        )
    if enterprise.status != Enterprise.Status.ACTIVE:
        raise DomainError(
            "participant.enterprise_closed",
            _("This enterprise is closed; it cannot join."),
            field="enterprise",
        )
    if (
        Participant.objects.with_scope(region=programme.region_id)
        .filter(programme=programme, enterprise=enterprise)
        .exists()
    ):
        raise DomainError(
            "participant.exists",
            _("%(name)s already takes part in this programme.") % {"name": enterprise.name},
            field="enterprise",
            status=409,
        )
    return Participant.objects.create(
        programme=programme,
        enterprise=enterprise,
        joined_on=joined_on or programme.starts_on,
        added_by_id=actor.user_id,
    )


def _participant_for_manage(actor: Actor, participant_id: int) -> Participant:
    participant = (
        Participant.objects.with_scopes_disabled()
        .select_related("enterprise")
        .filter(pk=participant_id)
        .first()
    )
    if participant is None:
        raise NotFound("participant.unknown", _("This participant does not exist in your region."))
    participant.programme = _programme_for_manage(actor, participant.programme_id)
    return participant


@transaction.atomic
def participant_remove(*, actor: Actor, participant_id: int) -> None:
    """Take an enterprise off a programme with its outcomes; licences it obtained stay in the register."""
    _participant_for_manage(actor, participant_id).delete()


def _on_field(error: DomainError, field: str) -> DomainError:
    """The register's refusal of a licence number, shown beside the outcome's reference field."""
    details = [ErrorDetail(code=d.code, message=d.message, field=field, meta=d.meta) for d in error.errors]
    return DomainError.many(details, status=error.status)


def _outcome_licence(
    actor: Actor, participant: Participant, outcome_type: str, reference: str, achieved_on: date
):
    """The licence an outcome stands for: found in the register, or added to it through `licence_add`."""
    licence_type = OUTCOME_LICENCES.get(outcome_type)
    if licence_type is None or not reference:
        return None, reference
    try:
        number = licence_number_normalize(licence_type, reference)
    except ValidationError as error:
        raise domain_error_from_validation(error, field="reference") from None
    held = licence_list(enterprise=participant.enterprise).filter(type=licence_type)
    same = held.filter(number=number).first()
    if same is not None:
        return same, number
    other_nib = held.first() if licence_type == Licence.Type.NIB else None
    if other_nib is not None:
        raise DomainError(
            "outcome.other_nib",
            _("This enterprise already has NIB %(nib)s in the register.") % {"nib": other_nib.number},
            field="reference",
            status=409,
        )
    try:
        licence = licence_add(
            actor=actor,
            enterprise_id=participant.enterprise_id,
            type=licence_type,
            number=number,
            issued_on=achieved_on,
        )
    except DomainError as error:
        raise _on_field(error, "reference") from None
    return licence, number


@transaction.atomic
def outcome_record(
    *,
    actor: Actor,
    participant_id: int,
    type: str,
    achieved_on: date,
    reference: str = "",
    amount: int | None = None,
    note: str = "",
) -> Outcome:
    """Record what a participant achieved; an NIB or halal certificate with its number joins the register."""
    participant = _participant_for_manage(actor, participant_id)
    programme = participant.programme
    if type not in Outcome.Type.values:
        raise DomainError("outcome.type", _("Choose what the participant achieved."), field="type")
    if achieved_on is None:
        raise DomainError("outcome.date_required", _("Give the date it was achieved."), field="achieved_on")
    if achieved_on < programme.starts_on:
        raise DomainError(
            "outcome.before_programme",
            _("The date is before the programme started (%(date)s).")
            % {"date": programme.starts_on.isoformat()},
            field="achieved_on",
        )
    if achieved_on > timezone.localdate(timezone=programme.region.tzinfo):
        raise DomainError("outcome.future", _("The date is in the future."), field="achieved_on")
    if amount is not None and type != Outcome.Type.CREDIT_OBTAINED:
        raise DomainError(
            "outcome.amount_not_credit", _("An amount is recorded only for credit obtained."), field="amount"
        )
    if amount is not None and amount <= 0:
        raise DomainError("outcome.amount_not_positive", _("The amount must be more than 0."), field="amount")
    if (
        Outcome.objects.with_scope(region=programme.region_id)
        .filter(participant=participant, type=type)
        .exists()
    ):
        raise DomainError(
            "outcome.exists",
            _("“%(outcome)s” is already recorded for %(name)s.")
            % {"outcome": Outcome.Type(type).label, "name": participant.enterprise.name},
            field="type",
            status=409,
        )
    licence, reference = _outcome_licence(actor, participant, type, reference.strip(), achieved_on)
    return Outcome.objects.create(
        participant=participant,
        type=type,
        achieved_on=achieved_on,
        reference=reference,
        amount=amount,
        note=note.strip(),
        licence=licence,
        recorded_by_id=actor.user_id,
    )


@transaction.atomic
def outcome_remove(*, actor: Actor, outcome_id: int) -> None:
    """Remove a wrongly recorded outcome; a licence it added stays in the register (remove it there)."""
    outcome = Outcome.objects.with_scopes_disabled().filter(pk=outcome_id).first()
    if outcome is None:
        raise NotFound("outcome.unknown", _("This outcome does not exist in your region."))
    _participant_for_manage(actor, outcome.participant_id)
    outcome.delete()
