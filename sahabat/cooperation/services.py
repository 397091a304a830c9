"""Writes for cooperation: agreements and their parties, documents, the action plan, monitoring
reports, good practices and adoptions, and the reminders of the daily job.

PP 28/2018 on regional cooperation and Permendagri 22/2020 on its procedure: a Kesepakatan
Bersama (MoU) between regions is carried out through one or more Perjanjian Kerja Sama (PKS),
each party signs through its head of region (or an official it mandates), and the cooperation is
monitored and evaluated until it ends or is extended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.scoping import restrict
from sahabat.cooperation import selectors
from sahabat.cooperation.indicators import live_indicators
from sahabat.cooperation.models import (
    ActionComment,
    ActionEvidence,
    ActionItem,
    Adoption,
    AdoptionMilestone,
    Agreement,
    AgreementDocument,
    AgreementParty,
    MonitoringReport,
    Notification,
    Practice,
    PracticeDocument,
    active_on,
)
from sahabat.core import uploads
from sahabat.core.errors import DomainError, ErrorDetail, NotFound, PermissionDenied
from sahabat.purchasing.models import Agency
from sahabat.regions.models import Region

AGREEMENT_FIELDS = (
    "type",
    "parent",
    "title",
    "purpose",
    "fields_of_cooperation",
    "funding_source",
    "signed_on",
    "valid_from",
    "valid_until",
    "dprd_approval_reference",
    "implementing_agencies",
)
ACTION_FIELDS = (
    "title",
    "description",
    "owner_region",
    "agency",
    "agency_id",
    "due_date",
    "status",
    "progress",
)
PRACTICE_FIELDS = (
    "title",
    "summary",
    "goal",
    "steps",
    "cost",
    "cost_notes",
    "kpis",
    "results",
    "contact_office",
    "contact_name",
    "contact_position",
    "contact_email",
    "is_shared",
)
ADOPTION_FIELDS = ("started_on", "goal", "adaptations", "kpis", "results", "status")

# Reminders before an agreement ends, nearest last; each is sent once per agreement and person.
EXPIRY_REMINDER_DAYS = (90, 30)
# Who hears about an agreement's deadlines: the people who can act on it in each party region.
REMINDED_ROLES = (Role.REGION_ADMIN, Role.OFFICER)


@dataclass(frozen=True)
class PartyData:
    region: Region
    document_number: str = ""
    signatory_name: str = ""
    signatory_position: str = ""


# Agreements ----------------------------------------------------------------------------------


def _agreement_visible(actor: Actor, agreement_id: int) -> Agreement:
    try:
        return selectors.agreement_get(actor=actor, agreement_id=agreement_id)
    except Agreement.DoesNotExist:
        raise NotFound("agreement.unknown", _("This agreement does not exist for your region.")) from None


def _agreement_for_manage(actor: Actor, agreement_id: int) -> Agreement:
    """An agreement the actor may change: it holds COOPERATION_MANAGE in one of the parties."""
    agreement = _agreement_visible(actor, agreement_id)
    if not any(actor.has_perm(Perm.COOPERATION_MANAGE, region) for region in agreement.party_region_ids):
        raise PermissionDenied("auth.forbidden", _("Your role in this region does not allow this action."))
    return agreement


def _clean_parties(parties: Sequence[PartyData]) -> list[PartyData]:
    if len(parties) < 2:
        raise DomainError(
            "agreement.too_few_parties", _("An agreement needs at least two parties."), field="parties"
        )
    seen: set[int] = set()
    for party in parties:
        if not party.region.is_tenant:
            raise DomainError(
                "agreement.party_not_tenant",
                _("%(name)s is not a regency or city; only regencies and cities can be parties.")
                % {"name": party.region.name},
                field="parties",
            )
        if party.region.pk in seen:
            raise DomainError(
                "agreement.duplicate_party",
                _("%(name)s is listed twice as a party.") % {"name": party.region.name},
                field="parties",
            )
        seen.add(party.region.pk)
    return [
        PartyData(
            region=party.region,
            document_number=party.document_number.strip(),
            signatory_name=party.signatory_name.strip(),
            signatory_position=party.signatory_position.strip(),
        )
        for party in parties
    ]


def _check_agreement(actor: Actor, agreement: Agreement, parties: list[PartyData]) -> None:
    """The rules a form cannot hold alone: dates in order, a PKS inside its MoU, no stray parent."""
    if not agreement.title.strip():
        raise DomainError("agreement.title_required", _("Give the agreement its title."), field="title")
    if agreement.valid_from and agreement.valid_until and agreement.valid_until < agreement.valid_from:
        raise DomainError(
            "agreement.validity_order",
            _("The end of the validity (%(end)s) is before its start (%(start)s).")
            % {
                "end": formats.date_format(agreement.valid_until, "j F Y"),
                "start": formats.date_format(agreement.valid_from, "j F Y"),
            },
            field="valid_until",
        )
    if agreement.type != Agreement.Type.PKS:
        if agreement.parent_id:
            raise DomainError(
                "agreement.parent_only_for_pks",
                _("Only a PKS carries out a memorandum of understanding; leave the MoU empty."),
                field="parent",
            )
        return
    if agreement.parent_id is None:
        raise DomainError(
            "agreement.pks_needs_mou",
            _("A PKS carries out a Kesepakatan Bersama (MoU): choose the MoU it belongs to."),
            field="parent",
        )
    try:
        parent = selectors.agreement_get(actor=actor, agreement_id=agreement.parent_id)
    except Agreement.DoesNotExist:
        raise DomainError(
            "agreement.pks_needs_mou", _("The chosen MoU does not exist for your region."), field="parent"
        ) from None
    if parent.type != Agreement.Type.MOU:
        raise DomainError(
            "agreement.parent_not_mou",
            _("A PKS can only carry out a Kesepakatan Bersama (MoU)."),
            field="parent",
        )
    outside = [party.region.name for party in parties if party.region.pk not in parent.party_region_ids]
    if outside:
        raise DomainError(
            "agreement.pks_party_outside_mou",
            _("%(names)s did not sign the MoU this PKS carries out.") % {"names": ", ".join(outside)},
            field="parties",
        )
    if agreement.valid_until and parent.valid_until and agreement.valid_until > parent.valid_until:
        raise DomainError(
            "agreement.pks_outlasts_mou",
            _("A PKS cannot run past its MoU, which ends on %(date)s.")
            % {"date": formats.date_format(parent.valid_until, "j F Y")},
            field="valid_until",
        )


def _save_parties(agreement: Agreement, parties: list[PartyData]) -> None:
    AgreementParty.unscoped.filter(agreement=agreement).exclude(
        region__in=[party.region.pk for party in parties]
    ).delete()
    for position, party in enumerate(parties, start=1):
        AgreementParty.unscoped.update_or_create(
            agreement=agreement,
            region=party.region,
            defaults={
                "position": position,
                "document_number": party.document_number,
                "signatory_name": party.signatory_name,
                "signatory_position": party.signatory_position,
            },
        )


def _set_fields(record, allowed: Sequence[str], values: dict) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def agreement_create(*, actor: Actor, region: Region, parties: Sequence[PartyData], **values) -> Agreement:
    """A new draft agreement of `region` with its parties; `region` must be one of them."""
    actor.require(Perm.COOPERATION_MANAGE, region.pk)
    cleaned = _clean_parties(parties)
    if region.pk not in [party.region.pk for party in cleaned]:
        raise DomainError(
            "agreement.not_a_party", _("Your region must be one of the parties."), field="parties"
        )
    agreement = Agreement(region=region, created_by_id=actor.user_id)
    _set_fields(agreement, AGREEMENT_FIELDS, values)
    _check_agreement(actor, agreement, cleaned)
    agreement.save()
    _save_parties(agreement, cleaned)
    return agreement


@transaction.atomic
def agreement_update(
    *, actor: Actor, agreement_id: int, parties: Sequence[PartyData] | None = None, **values
) -> Agreement:
    agreement = _agreement_for_manage(actor, agreement_id)
    if agreement.status == Agreement.Status.TERMINATED:
        raise DomainError(
            "agreement.terminated", _("A terminated agreement can no longer be changed."), status=409
        )
    _set_fields(agreement, AGREEMENT_FIELDS, values)
    if parties is None:
        cleaned = [
            PartyData(party.region, party.document_number, party.signatory_name, party.signatory_position)
            for party in agreement.party_list
        ]
    else:
        cleaned = _clean_parties(parties)
        if not any(actor.has_perm(Perm.COOPERATION_MANAGE, party.region.pk) for party in cleaned):
            raise DomainError(
                "agreement.not_a_party", _("Your region must be one of the parties."), field="parties"
            )
    _check_agreement(actor, agreement, cleaned)
    if agreement.status == Agreement.Status.SIGNED:
        _check_signable(agreement, cleaned)
    agreement.save()
    if parties is not None:
        _save_parties(agreement, cleaned)
    return agreement


def _check_signable(agreement: Agreement, parties: list[PartyData]) -> None:
    missing = []
    if not agreement.signed_on:
        missing.append(ErrorDetail("agreement.signed_on_required", _("Enter the signing date."), "signed_on"))
    if not agreement.valid_from or not agreement.valid_until:
        missing.append(
            ErrorDetail(
                "agreement.validity_required", _("Enter the start and end of the validity."), "valid_until"
            )
        )
    for party in parties:
        if not (party.document_number and party.signatory_name and party.signatory_position):
            missing.append(
                ErrorDetail(
                    "agreement.party_incomplete",
                    _("Enter the document number, signatory and position of %(name)s.")
                    % {"name": party.region.name},
                    "parties",
                )
            )
    if missing:
        raise DomainError.many(missing)


@transaction.atomic
def agreement_sign(
    *, actor: Actor, agreement_id: int, signed_on: date, today: date | None = None
) -> Agreement:
    """Record that every party has signed; from the start of its validity the agreement is active."""
    agreement = _agreement_for_manage(actor, agreement_id)
    if agreement.status != Agreement.Status.DRAFT:
        raise DomainError("agreement.not_draft", _("Only a draft agreement can be signed."), status=409)
    if signed_on > (today or selectors.cooperation_today()):
        raise DomainError(
            "agreement.signed_in_future", _("The signing date cannot be in the future."), field="signed_on"
        )
    agreement.signed_on = signed_on
    parties = [
        PartyData(party.region, party.document_number, party.signatory_name, party.signatory_position)
        for party in agreement.party_list
    ]
    _check_signable(agreement, parties)
    agreement.status = Agreement.Status.SIGNED
    agreement.save()
    return agreement


@transaction.atomic
def agreement_terminate(*, actor: Actor, agreement_id: int, terminated_on: date, reason: str) -> Agreement:
    """End an agreement before its term; partner access ends with it at once."""
    agreement = _agreement_for_manage(actor, agreement_id)
    if agreement.status != Agreement.Status.SIGNED:
        raise DomainError("agreement.not_signed", _("Only a signed agreement can be terminated."), status=409)
    if not reason.strip():
        raise DomainError(
            "agreement.reason_required", _("Give the reason for the termination."), field="reason"
        )
    if terminated_on < agreement.signed_on:
        raise DomainError(
            "agreement.terminated_before_signing",
            _("The termination date is before the signing date."),
            field="terminated_on",
        )
    agreement.status = Agreement.Status.TERMINATED
    agreement.terminated_on = terminated_on
    agreement.termination_reason = reason.strip()
    agreement.save()
    return agreement


def _check_upload(file: UploadedFile | None, kinds: tuple[uploads.FileKind, ...]) -> str:
    """Refuse a file too large or of the wrong kind (core.uploads); return the name it came with."""
    original = file.name if file is not None else ""
    uploads.check_upload(
        file, kinds=kinds, max_bytes=uploads.DOCUMENT_MAX_BYTES, field="file", code="document"
    )
    return original


@transaction.atomic
def agreement_document_add(
    *, actor: Actor, agreement_id: int, title: str, file: UploadedFile
) -> AgreementDocument:
    agreement = _agreement_for_manage(actor, agreement_id)
    original = _check_upload(file, uploads.DOCUMENTS)
    return AgreementDocument.unscoped.create(
        agreement=agreement,
        title=title.strip() or original[:200],
        file=file,
        size=file.size,
        uploaded_by_id=actor.user_id,
    )


# Action plan ---------------------------------------------------------------------------------


def _check_action(agreement: Agreement, item: ActionItem) -> None:
    if not item.title:
        raise DomainError("action.title_required", _("Give the action item a title."), field="title")
    if item.owner_region_id not in agreement.party_region_ids:
        name = Region.objects.filter(pk=item.owner_region_id).values_list("name", flat=True).first() or ""
        raise DomainError(
            "action.owner_not_party",
            _("%(name)s is not a party to this agreement; only its parties own action items.")
            % {"name": name},
            field="owner_region",
        )
    if (
        item.agency_id
        and not Agency.unscoped.filter(pk=item.agency_id, region_id=item.owner_region_id).exists()
    ):
        raise DomainError(
            "action.agency_outside_region",
            _("The agency does not belong to the responsible region."),
            field="agency",
        )
    if not 0 <= item.progress <= 100:
        raise DomainError(
            "action.progress_range", _("Progress is a percentage from 0 to 100."), field="progress"
        )
    if item.due_date is None:
        raise DomainError("action.due_date_required", _("Enter the due date."), field="due_date")
    if item.status == ActionItem.Status.DONE:
        item.progress = 100
        item.completed_on = item.completed_on or selectors.cooperation_today()
    else:
        item.completed_on = None


@transaction.atomic
def action_item_create(*, actor: Actor, agreement_id: int, **values) -> ActionItem:
    """A line of the action plan; any party may plan it, for any party."""
    agreement = _agreement_for_manage(actor, agreement_id)
    if agreement.status == Agreement.Status.TERMINATED:
        raise DomainError(
            "agreement.terminated", _("A terminated agreement can no longer be changed."), status=409
        )
    item = ActionItem(agreement=agreement, created_by_id=actor.user_id)
    _set_fields(item, ACTION_FIELDS, values)
    _check_action(agreement, item)
    item.save()
    return item


def _action_for_owner(actor: Actor, action_item_id: int) -> ActionItem:
    """An action item the actor may update: it holds COOPERATION_MANAGE in the responsible region."""
    try:
        item = selectors.action_item_get(actor=actor, action_item_id=action_item_id)
    except ActionItem.DoesNotExist:
        raise NotFound("action.unknown", _("This action item does not exist for your region.")) from None
    if not actor.has_perm(Perm.COOPERATION_MANAGE, item.owner_region_id):
        raise PermissionDenied("action.not_owner", _("Only the responsible region updates this action item."))
    return item


@transaction.atomic
def action_item_update(*, actor: Actor, action_item_id: int, **values) -> ActionItem:
    item = _action_for_owner(actor, action_item_id)
    _set_fields(item, ACTION_FIELDS, values)
    _check_action(item.agreement, item)
    item.save()
    return item


@transaction.atomic
def action_evidence_add(
    *, actor: Actor, action_item_id: int, caption: str, file: UploadedFile | None = None, url: str = ""
) -> ActionEvidence:
    """A file (PDF, JPEG or PNG) or a link showing what was done."""
    item = _action_for_owner(actor, action_item_id)
    url = url.strip()
    if bool(file) == bool(url):
        raise DomainError("evidence.file_or_link", _("Add either a file or a link."), field="file")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise DomainError(
                "evidence.bad_link", _("Enter a full web address (https://…)."), field="url"
            ) from None
        fallback = url
    else:
        fallback = _check_upload(file, uploads.EVIDENCE)
    return ActionEvidence.unscoped.create(
        action_item=item,
        caption=caption.strip() or fallback[:200],
        file=file or "",
        url=url,
        added_by_id=actor.user_id,
    )


@transaction.atomic
def action_comment_add(*, actor: Actor, action_item_id: int, region: Region, text: str) -> ActionComment:
    """A comment from any party region's people who may work on the agreement."""
    try:
        item = selectors.action_item_get(actor=actor, action_item_id=action_item_id)
    except ActionItem.DoesNotExist:
        raise NotFound("action.unknown", _("This action item does not exist for your region.")) from None
    if region.pk not in item.agreement.party_region_ids:
        raise PermissionDenied("auth.forbidden", _("Your region is not a party to this agreement."))
    actor.require(Perm.COOPERATION_MANAGE, region.pk)
    if not text.strip():
        raise DomainError("comment.empty", _("Write a comment first."), field="text")
    return ActionComment.unscoped.create(
        action_item=item, author_id=actor.user_id, region=region, text=text.strip()
    )


# Monitoring ----------------------------------------------------------------------------------


@transaction.atomic
def report_create(
    *,
    actor: Actor,
    agreement_id: int,
    region: Region,
    year: int,
    half: int,
    findings: str = "",
    recommendations: str = "",
) -> MonitoringReport:
    agreement = _agreement_for_manage(actor, agreement_id)
    if region.pk not in agreement.party_region_ids:
        raise PermissionDenied("auth.forbidden", _("Your region is not a party to this agreement."))
    actor.require(Perm.COOPERATION_MANAGE, region.pk)
    if half not in (1, 2):
        raise DomainError("report.half", _("Choose the first or the second half of the year."), field="half")
    if agreement.status == Agreement.Status.DRAFT:
        raise DomainError("report.draft_agreement", _("An agreement is monitored once it has been signed."))
    if MonitoringReport.unscoped.filter(agreement=agreement, year=year, half=half).exists():
        raise DomainError(
            "report.exists", _("This period already has a report; open it instead."), field="half", status=409
        )
    return MonitoringReport.unscoped.create(
        agreement=agreement,
        year=year,
        half=half,
        region=region,
        findings=findings.strip(),
        recommendations=recommendations.strip(),
        created_by_id=actor.user_id,
    )


def _report_for_manage(actor: Actor, report_id: int) -> MonitoringReport:
    try:
        report = selectors.report_get(actor=actor, report_id=report_id)
    except MonitoringReport.DoesNotExist:
        raise NotFound("report.unknown", _("This report does not exist for your region.")) from None
    if not any(
        actor.has_perm(Perm.COOPERATION_MANAGE, region) for region in report.agreement.party_region_ids
    ):
        raise PermissionDenied("auth.forbidden", _("Your role in this region does not allow this action."))
    if report.is_final:
        raise DomainError("report.final", _("A final report can no longer be changed."), status=409)
    return report


@transaction.atomic
def report_update(*, actor: Actor, report_id: int, findings: str, recommendations: str) -> MonitoringReport:
    report = _report_for_manage(actor, report_id)
    report.findings = findings.strip()
    report.recommendations = recommendations.strip()
    report.save()
    return report


@transaction.atomic
def report_finalise(*, actor: Actor, report_id: int, today: date | None = None) -> MonitoringReport:
    """Freeze the report: its indicators are stored as they read now, so the PDF never changes."""
    report = _report_for_manage(actor, report_id)
    if not report.findings or not report.recommendations:
        raise DomainError(
            "report.incomplete",
            _("Write the findings and the recommendations before finalising."),
            field="findings",
        )
    indicators = live_indicators(
        actor=actor,
        agreement=report.agreement,
        year=report.year,
        half=report.half,
        today=today or selectors.cooperation_today(),
    )
    report.snapshot = indicators.as_snapshot()
    report.status = MonitoringReport.Status.FINAL
    report.finalised_at = timezone.now()
    report.finalised_by_id = actor.user_id
    report.save()
    return report


# Good practices and adoption -------------------------------------------------------------------


@transaction.atomic
def practice_save(*, actor: Actor, region: Region, practice_id: int | None = None, **values) -> Practice:
    """Document a programme of the region, or update it."""
    if practice_id is None:
        actor.require(Perm.COOPERATION_MANAGE, region.pk)
        practice = Practice(region=region, created_by_id=actor.user_id)
    else:
        practice = Practice.objects.with_scope(region=region.pk).filter(pk=practice_id).first()
        if practice is None:
            raise NotFound("practice.unknown", _("This practice does not exist in your region."))
        actor.require(Perm.COOPERATION_MANAGE, practice.region_id)
    _set_fields(practice, PRACTICE_FIELDS, values)
    if not practice.title or not practice.goal:
        raise DomainError("practice.required", _("A practice needs a title and a goal."), field="title")
    if practice.cost is not None and practice.cost < 0:
        raise DomainError("practice.cost_negative", _("The cost cannot be negative."), field="cost")
    practice.save()
    return practice


@transaction.atomic
def practice_document_add(
    *, actor: Actor, practice_id: int, title: str, file: UploadedFile
) -> PracticeDocument:
    practice = Practice.unscoped.filter(pk=practice_id).first()
    if practice is None or not actor.has_perm(Perm.COOPERATION_VIEW, practice.region_id):
        raise NotFound("practice.unknown", _("This practice does not exist in your region."))
    actor.require(Perm.COOPERATION_MANAGE, practice.region_id)
    original = _check_upload(file, uploads.DOCUMENTS)
    return PracticeDocument.unscoped.create(
        practice=practice,
        title=title.strip() or original[:200],
        file=file,
        size=file.size,
        uploaded_by_id=actor.user_id,
    )


@transaction.atomic
def adoption_create(
    *, actor: Actor, region: Region, practice_id: int, agreement_id: int, **values
) -> Adoption:
    """Record that `region` replicates a partner's practice, under an agreement in force between them."""
    actor.require(Perm.COOPERATION_MANAGE, region.pk)
    try:
        practice = selectors.practice_get(actor=actor, practice_id=practice_id)
    except Practice.DoesNotExist:
        raise NotFound("practice.unknown", _("This practice is not shared with your region.")) from None
    if practice.region_id == region.pk:
        raise DomainError("adoption.own_practice", _("A region does not adopt its own practice."), status=409)
    agreement = (
        selectors.adoption_agreements(actor=actor, region=region, practice=practice)
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None:
        raise DomainError(
            "adoption.no_agreement",
            _("Choose an agreement in force between your region and %(name)s.")
            % {"name": practice.region.name},
            field="agreement",
        )
    if Adoption.unscoped.filter(practice=practice, region=region).exists():
        raise DomainError(
            "adoption.exists", _("Your region already adopts this practice."), field="agreement", status=409
        )
    adoption = Adoption(practice=practice, region=region, agreement=agreement, created_by_id=actor.user_id)
    _set_fields(adoption, ADOPTION_FIELDS, values)
    if not adoption.goal or not adoption.started_on:
        raise DomainError("adoption.required", _("Enter the start date and the goal."), field="goal")
    adoption.save()
    return adoption


def _adoption_for_manage(actor: Actor, adoption_id: int) -> Adoption:
    try:
        adoption = selectors.adoption_get(actor=actor, adoption_id=adoption_id)
    except Adoption.DoesNotExist:
        raise NotFound("adoption.unknown", _("This adoption does not exist for your region.")) from None
    if not actor.has_perm(Perm.COOPERATION_MANAGE, adoption.region_id):
        raise PermissionDenied("adoption.not_adopter", _("Only the adopting region updates its adoption."))
    return adoption


@transaction.atomic
def adoption_update(*, actor: Actor, adoption_id: int, **values) -> Adoption:
    adoption = _adoption_for_manage(actor, adoption_id)
    _set_fields(adoption, ADOPTION_FIELDS, values)
    adoption.save()
    return adoption


@transaction.atomic
def milestone_add(*, actor: Actor, adoption_id: int, title: str, due_date: date) -> AdoptionMilestone:
    adoption = _adoption_for_manage(actor, adoption_id)
    if not title.strip():
        raise DomainError("milestone.title_required", _("Name the milestone."), field="title")
    if due_date < adoption.started_on:
        raise DomainError(
            "milestone.before_start",
            _("A milestone cannot fall before the adoption starts."),
            field="due_date",
        )
    return AdoptionMilestone.unscoped.create(adoption=adoption, title=title.strip(), due_date=due_date)


@transaction.atomic
def milestone_complete(*, actor: Actor, milestone_id: int, done_on: date) -> AdoptionMilestone:
    milestone = AdoptionMilestone.unscoped.filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFound("milestone.unknown", _("This milestone does not exist for your region."))
    _adoption_for_manage(actor, milestone.adoption_id)
    if done_on > selectors.cooperation_today():
        raise DomainError("milestone.done_in_future", _("The date cannot be in the future."), field="done_on")
    milestone.done_on = done_on
    milestone.save()
    return milestone


# Reminders -----------------------------------------------------------------------------------


def _recipients(region_ids: Sequence[int]) -> dict[int, list[int]]:
    """Region id → the users who act for it on cooperation (admins and officers)."""
    people: dict[int, list[int]] = {region: [] for region in region_ids}
    memberships = Membership.objects.with_scope(region=list(region_ids)).filter(
        is_active=True, role__in=REMINDED_ROLES, user__is_active=True
    )
    for region, user in memberships.values_list("region_id", "user_id").distinct():
        people[region].append(user)
    return people


def _notify(drafts: list[Notification]) -> int:
    """Save the drafts that were never sent before (one per person and key)."""
    if not drafts:
        return 0
    sent = set(
        Notification.objects.filter(key__in={draft.key for draft in drafts}).values_list("user_id", "key")
    )
    fresh, seen = [], set()
    for draft in drafts:
        if (draft.user_id, draft.key) not in sent | seen:
            seen.add((draft.user_id, draft.key))
            fresh.append(draft)
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def reminders_send(*, today: date | None = None) -> int:
    """The daily reminders: agreements ending within 90 and within 30 days, and overdue action items.

    Each reminder reaches each person once: an agreement first met at 20 days left gets only the
    30-day reminder. Texts are written in the platform's language, since no one reads them yet.
    Returns how many notifications were created.
    """
    today = today or selectors.cooperation_today()
    system = Actor.system()
    drafts: list[Notification] = []
    agreements = (
        restrict(Agreement, system, Perm.COOPERATION_VIEW)
        .filter(active_on(today), valid_until__lte=today + timedelta(days=max(EXPIRY_REMINDER_DAYS)))
        .prefetch_related("parties")
    )
    items = (
        restrict(ActionItem, system, Perm.COOPERATION_VIEW)
        .filter(status__in=ActionItem.OPEN, due_date__lt=today)
        .filter(active_on(today, prefix="agreement__"))
        .select_related("agreement")
    )
    agreements, items = list(agreements), list(items)
    regions = {party.region_id for agreement in agreements for party in agreement.parties.all()}
    people = _recipients(sorted(regions | {item.owner_region_id for item in items}))
    with translation.override(settings.LANGUAGE_CODE):
        for agreement in agreements:
            days_left = (agreement.valid_until - today).days
            threshold = min(days for days in EXPIRY_REMINDER_DAYS if days_left <= days)
            text = _("“%(title)s” ends in %(days)s days, on %(date)s.") % {
                "title": Truncator(agreement.title).chars(150),
                "days": days_left,
                "date": formats.date_format(agreement.valid_until, "j F Y"),
            }
            link = reverse("cooperation:agreement_detail", args=[agreement.pk])
            for party in agreement.parties.all():
                drafts += [
                    Notification(
                        user_id=user,
                        kind=Notification.Kind.AGREEMENT_EXPIRING,
                        text=text,
                        link=link,
                        key=f"agreement:{agreement.pk}:expiring:{threshold}",
                    )
                    for user in people[party.region_id]
                ]
        for item in items:
            text = _("Action item “%(title)s” was due on %(date)s and is not done.") % {
                "title": Truncator(item.title).chars(150),
                "date": formats.date_format(item.due_date, "j F Y"),
            }
            link = reverse("cooperation:action_detail", args=[item.pk])
            drafts += [
                Notification(
                    user_id=user,
                    kind=Notification.Kind.ACTION_OVERDUE,
                    text=text,
                    link=link,
                    key=f"action:{item.pk}:overdue:{item.due_date.isoformat()}",
                )
                for user in people[item.owner_region_id]
            ]
    return _notify(drafts)


def notifications_mark_read(*, actor: Actor) -> int:
    """Mark every unread notification of the person as read; returns how many were unread."""
    return Notification.objects.filter(user_id=actor.user_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )
