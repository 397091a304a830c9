"""Writes for investment: project offers with their documents and photos, investors, gatherings and leads.

A lead moves through the pipeline with `lead_move`, the one place its stage rules live: a realised lead
is final, a lost lead needs a reason, and a realised investment states its value.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core import uploads
from sahabat.core.errors import DomainError, NotFound, PermissionDenied, domain_error_from_validation
from sahabat.investment.models import (
    InvestmentProject,
    Investor,
    InvestorGathering,
    Lead,
    LeadStage,
    ProjectDocument,
    ProjectPhoto,
    stage_rank,
)
from sahabat.regions.models import Region
from sahabat.registry.validators import phone_normalize

PROJECT_FIELDS = (
    "title",
    "sector",
    "district",
    "value",
    "scheme",
    "status",
    "description",
    "contact_name",
    "contact_office",
    "contact_email",
    "contact_phone",
)
INVESTOR_FIELDS = ("company", "contact_person", "origin_city", "origin_country", "notes")
GATHERING_FIELDS = ("name", "held_on", "place", "description")
LEAD_FIELDS = ("gathering_id", "value", "next_step", "next_step_on", "notes")
DOCUMENT_MAX_BYTES = uploads.DOCUMENT_MAX_BYTES
PHOTO_MAX_BYTES = uploads.PHOTO_MAX_BYTES


def _known_fields(values: dict, allowed: tuple[str, ...], what: str) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _in_region(actor: Actor, region_id: int) -> bool:
    return actor.is_superuser or region_id in actor.region_ids()


def _for_manage(model, actor: Actor, pk: int, code: str, message: str):
    """A region-owned record the actor may change; 404 for another region's, 403 without the right."""
    record = model.objects.with_scopes_disabled().select_related("region").filter(pk=pk).first()
    if record is None or not _in_region(actor, record.region_id):
        raise NotFound(code, message)
    actor.require(Perm.INVESTMENT_MANAGE, record.region_id)
    return record


def _project_for_manage(actor: Actor, project_id: int) -> InvestmentProject:
    return _for_manage(
        InvestmentProject,
        actor,
        project_id,
        "project.unknown",
        _("This project does not exist in your region."),
    )


def _require_tenant(actor: Actor, region: Region) -> None:
    actor.require(Perm.INVESTMENT_MANAGE, region.pk)
    if not region.is_tenant:
        raise DomainError(
            "region.not_tenant", _("Only a regency or a city offers investment."), field="region"
        )


# Projects


def _check_project(project: InvestmentProject) -> None:
    project.title = project.title.strip()
    if not project.title:
        raise DomainError("project.title_required", _("Give the project a title."), field="title")
    for field, choices in (
        ("sector", InvestmentProject.Sector),
        ("scheme", InvestmentProject.Scheme),
        ("status", InvestmentProject.Status),
    ):
        if getattr(project, field) not in choices.values:
            raise DomainError(f"project.{field}", _("Choose one of the options."), field=field)
    if project.value is None or project.value < 0:
        raise DomainError("project.value", _("The value cannot be negative."), field="value")
    district = project.district
    if district is not None and (
        district.parent_id != project.region_id or district.level != Region.Level.DISTRICT
    ):
        raise DomainError("project.district", _("The district is not in this regency."), field="district")
    if project.contact_email:
        try:
            validate_email(project.contact_email)
        except ValidationError:
            raise DomainError(
                "project.contact_email", _("Enter a valid e-mail address."), field="contact_email"
            ) from None
    if project.contact_phone:
        try:
            project.contact_phone = phone_normalize(project.contact_phone)
        except ValidationError as error:
            raise domain_error_from_validation(error, field="contact_phone") from None


@transaction.atomic
def project_create(*, actor: Actor, region: Region, **values) -> InvestmentProject:
    _require_tenant(actor, region)
    _known_fields(values, PROJECT_FIELDS, "project")
    project = InvestmentProject(region=region, **values)
    _check_project(project)
    project.save()
    return project


@transaction.atomic
def project_update(*, actor: Actor, project_id: int, **values) -> InvestmentProject:
    project = _project_for_manage(actor, project_id)
    _known_fields(values, PROJECT_FIELDS, "project")
    for name, value in values.items():
        setattr(project, name, value)
    _check_project(project)
    project.save()
    return project


@transaction.atomic
def project_delete(*, actor: Actor, project_id: int) -> None:
    """Delete a project with its documents and photos; one that investors have shown interest in is kept."""
    project = _project_for_manage(actor, project_id)
    if Lead.objects.with_scope(region=project.region_id).filter(project=project).exists():
        raise DomainError(
            "project.has_leads",
            _("Investors have leads on this project; it cannot be deleted. Set its status instead."),
            status=409,
        )
    files = [document.file for document in project.documents.all()] + [
        photo.image for photo in project.photos.all()
    ]
    project.delete()
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def _check_pdf(file) -> None:
    uploads.check_upload(
        file, kinds=uploads.DOCUMENTS, max_bytes=DOCUMENT_MAX_BYTES, field="file", code="document"
    )


@transaction.atomic
def document_add(*, actor: Actor, project_id: int, file, title: str = "") -> ProjectDocument:
    """Attach a PDF (at most 20 MB, recognised by its header) to a project."""
    project = _project_for_manage(actor, project_id)
    title = title.strip() or PurePath(file.name).stem[:200]
    _check_pdf(file)
    return ProjectDocument.objects.create(project=project, title=title, file=file, size=file.size)


def _document_for_manage(actor: Actor, document_id: int) -> ProjectDocument:
    document = ProjectDocument.objects.with_scopes_disabled().filter(pk=document_id).first()
    if document is None:
        raise NotFound("document.unknown", _("This document does not exist in your region."))
    document.project = _project_for_manage(actor, document.project_id)
    return document


@transaction.atomic
def document_remove(*, actor: Actor, document_id: int) -> None:
    document = _document_for_manage(actor, document_id)
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


def _check_photo(image) -> None:
    uploads.check_upload(image, kinds=uploads.PHOTOS, max_bytes=PHOTO_MAX_BYTES, field="image", code="photo")


@transaction.atomic
def photo_add(*, actor: Actor, project_id: int, image, caption: str = "") -> ProjectPhoto:
    """Attach a photo (JPEG, PNG or WebP, at most 5 MB) to a project."""
    project = _project_for_manage(actor, project_id)
    _check_photo(image)
    return ProjectPhoto.objects.create(project=project, image=image, caption=caption.strip())


@transaction.atomic
def photo_remove(*, actor: Actor, photo_id: int) -> None:
    photo = ProjectPhoto.objects.with_scopes_disabled().filter(pk=photo_id).first()
    if photo is None:
        raise NotFound("photo.unknown", _("This photo does not exist in your region."))
    _project_for_manage(actor, photo.project_id)
    stored = photo.image
    photo.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


# Investors


def _check_investor(investor: Investor) -> None:
    for field in INVESTOR_FIELDS:
        value = getattr(investor, field)
        if isinstance(value, str):
            setattr(investor, field, value.strip())
    if not investor.company:
        raise DomainError("investor.company_required", _("Give the company's name."), field="company")
    investor.origin_country = investor.origin_country or "Indonesia"
    clash = (
        Investor.objects.with_scope(region=investor.region_id)
        .filter(company__iexact=investor.company)
        .exclude(pk=investor.pk)
        .first()
    )
    if clash is not None:
        raise DomainError(
            "investor.exists",
            _("%(company)s is already in the list of investors.") % {"company": clash.company},
            field="company",
            status=409,
            meta={"investor_id": clash.pk},
        )


@transaction.atomic
def investor_create(*, actor: Actor, region: Region, **values) -> Investor:
    _require_tenant(actor, region)
    _known_fields(values, INVESTOR_FIELDS, "investor")
    investor = Investor(region=region, **values)
    _check_investor(investor)
    investor.save()
    return investor


@transaction.atomic
def investor_update(*, actor: Actor, investor_id: int, **values) -> Investor:
    investor = _for_manage(
        Investor, actor, investor_id, "investor.unknown", _("This investor does not exist in your region.")
    )
    _known_fields(values, INVESTOR_FIELDS, "investor")
    for name, value in values.items():
        setattr(investor, name, value)
    _check_investor(investor)
    investor.save()
    return investor


# Gatherings


def _check_gathering(gathering: InvestorGathering) -> None:
    gathering.name = gathering.name.strip()
    gathering.place = gathering.place.strip()
    if not gathering.name:
        raise DomainError("gathering.name_required", _("Give the gathering a name."), field="name")
    if gathering.held_on is None:
        raise DomainError("gathering.date_required", _("Give the date of the gathering."), field="held_on")
    if not gathering.place:
        raise DomainError("gathering.place_required", _("Give the place of the gathering."), field="place")


def _invitees(region_id: int, investor_ids) -> list[Investor]:
    wanted = set(investor_ids)
    investors = list(Investor.objects.with_scope(region=region_id).filter(pk__in=wanted))
    if len(investors) != len(wanted):
        raise DomainError(
            "gathering.investor_unknown", _("Invite only investors of this region's list."), field="invitees"
        )
    return investors


@transaction.atomic
def gathering_create(*, actor: Actor, region: Region, invitee_ids=(), **values) -> InvestorGathering:
    _require_tenant(actor, region)
    _known_fields(values, GATHERING_FIELDS, "gathering")
    gathering = InvestorGathering(region=region, **values)
    _check_gathering(gathering)
    invitees = _invitees(region.pk, invitee_ids)
    gathering.save()
    gathering.invitees.set(invitees)
    return gathering


@transaction.atomic
def gathering_update(*, actor: Actor, gathering_id: int, invitee_ids=None, **values) -> InvestorGathering:
    """Change a gathering; `invitee_ids`, when given, replaces the list of invited investors."""
    gathering = _for_manage(
        InvestorGathering,
        actor,
        gathering_id,
        "gathering.unknown",
        _("This gathering does not exist in your region."),
    )
    _known_fields(values, GATHERING_FIELDS, "gathering")
    for name, value in values.items():
        setattr(gathering, name, value)
    _check_gathering(gathering)
    gathering.save()
    if invitee_ids is not None:
        gathering.invitees.set(_invitees(gathering.region_id, invitee_ids))
    return gathering


# Leads


def _same_region(region_id: int, record, code: str, message: str, field: str):
    if record is None or record.region_id != region_id:
        raise DomainError(code, message, field=field)
    return record


def _check_lead_values(lead: Lead) -> None:
    if lead.value is None or lead.value < 0:
        raise DomainError("lead.value", _("The value cannot be negative."), field="value")
    lead.next_step = lead.next_step.strip()
    if lead.gathering_id is not None:
        _same_region(
            lead.region_id,
            InvestorGathering.objects.with_scopes_disabled().filter(pk=lead.gathering_id).first(),
            "lead.gathering_unknown",
            _("Choose a gathering of this region."),
            "gathering",
        )


@transaction.atomic
def lead_create(
    *,
    actor: Actor,
    investor_id: int,
    project_id: int,
    stage: str = LeadStage.INQUIRY,
    gathering_id: int | None = None,
    value: int = 0,
    next_step: str = "",
    next_step_on: date | None = None,
    notes: str = "",
) -> Lead:
    """Open a lead of an investor on a project of the same region; it may start further than an inquiry."""
    if not (actor.is_superuser or actor.region_ids_with(Perm.INVESTMENT_MANAGE)):
        # Refused before the body is looked at, so that the answer says nothing about other regions' projects.
        raise PermissionDenied("auth.forbidden", _("Your role in this region does not allow this action."))
    project = InvestmentProject.objects.with_scopes_disabled().filter(pk=project_id).first()
    if project is None or not _in_region(actor, project.region_id):
        raise DomainError("lead.project_unknown", _("Choose a project of this region."), field="project")
    actor.require(Perm.INVESTMENT_MANAGE, project.region_id)
    investor = _same_region(
        project.region_id,
        Investor.objects.with_scopes_disabled().filter(pk=investor_id).first(),
        "lead.investor_unknown",
        _("Choose an investor of this region's list."),
        "investor",
    )
    if stage not in LeadStage.values or stage == LeadStage.LOST:
        raise DomainError("lead.start_stage", _("A new lead starts at an open stage."), field="stage")
    lead = Lead(
        region_id=project.region_id,
        investor=investor,
        project=project,
        gathering_id=gathering_id,
        stage=stage,
        furthest_stage=stage,
        value=value,
        next_step=next_step,
        next_step_on=next_step_on,
        notes=notes,
        created_by_id=actor.user_id,
    )
    _check_lead_values(lead)
    if stage == LeadStage.REALISED and not lead.value:
        raise DomainError(
            "lead.realised_needs_value", _("A realised investment needs its value."), field="value"
        )
    lead.save()
    return lead


def _lead_for_manage(actor: Actor, lead_id: int) -> Lead:
    return _for_manage(Lead, actor, lead_id, "lead.unknown", _("This lead does not exist in your region."))


@transaction.atomic
def lead_update(*, actor: Actor, lead_id: int, **values) -> Lead:
    """Change a lead's value, next step, notes or gathering; its stage moves only through `lead_move`."""
    lead = _lead_for_manage(actor, lead_id)
    _known_fields(values, LEAD_FIELDS, "lead")
    for name, value in values.items():
        setattr(lead, name, value)
    _check_lead_values(lead)
    if lead.stage == LeadStage.REALISED and not lead.value:
        raise DomainError(
            "lead.realised_needs_value", _("A realised investment needs its value."), field="value"
        )
    lead.save()
    return lead


@transaction.atomic
def lead_move(*, actor: Actor, lead_id: int, stage: str, reason: str = "") -> Lead:
    """Move a lead to another stage: forward or back along the open stages, to realised, or to lost.

    A realised lead stays realised; losing a lead needs a reason; a realised lead needs its value.
    """
    lead = _lead_for_manage(actor, lead_id)
    if stage not in LeadStage.values:
        raise DomainError("lead.stage", _("Choose a stage."), field="stage")
    if stage == lead.stage:
        return lead
    if lead.stage == LeadStage.REALISED:
        raise DomainError(
            "lead.realised_final", _("A realised investment cannot move back."), field="stage", status=409
        )
    reason = reason.strip()
    if stage == LeadStage.LOST and not reason:
        raise DomainError("lead.lost_reason_required", _("Say why the lead was lost."), field="reason")
    if stage == LeadStage.REALISED and not lead.value:
        raise DomainError(
            "lead.realised_needs_value", _("Give the lead's value before marking it realised."), field="value"
        )
    lead.stage = stage
    lead.lost_reason = reason if stage == LeadStage.LOST else ""
    if stage_rank(stage) > stage_rank(lead.furthest_stage):
        lead.furthest_stage = stage
    lead.stage_changed_at = timezone.now()
    lead.save()
    return lead
