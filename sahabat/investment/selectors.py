"""Reads for investment, scoped to the caller's regions: projects, investors, gatherings, the lead pipeline.

Conversion at a stage is the share of the leads that reached the previous stage which went on to reach
this one. A lead "reached" every open stage up to its furthest (`Lead.furthest_stage`), so a lead lost
after a meeting still counts as having reached the inquiry and the meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.investment.models import (
    PIPELINE_STAGES,
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
from sahabat.regions.selectors import districts_of

SEARCH_WORDS = 6


def projects_for(actor: Actor, permission: str = Perm.INVESTMENT_VIEW) -> QuerySet[InvestmentProject]:
    """The scoping entry point for projects."""
    return restrict(InvestmentProject, actor, permission).select_related("region", "district")


@dataclass(frozen=True)
class ProjectFilters:
    search: str = ""
    sector: str = ""
    status: str = ""
    scheme: str = ""


def project_list(*, actor: Actor, region: Region, filters: ProjectFilters = ProjectFilters()) -> QuerySet:
    """The region's projects, largest value first, with their number of open leads."""
    projects = projects_for(actor).filter(region=region)
    for word in filters.search.split()[:SEARCH_WORDS]:
        projects = projects.filter(Q(title__icontains=word) | Q(description__icontains=word))
    for field in ("sector", "status", "scheme"):
        if getattr(filters, field):
            projects = projects.filter(**{field: getattr(filters, field)})
    open_stages = [stage for stage in PIPELINE_STAGES if stage != LeadStage.REALISED]
    return projects.annotate(open_leads=Count("leads", filter=Q(leads__stage__in=open_stages))).order_by(
        "-value", "title", "pk"
    )


def project_get(
    *, actor: Actor, project_id: int, permission: str = Perm.INVESTMENT_VIEW
) -> InvestmentProject:
    return projects_for(actor, permission).get(pk=project_id)


@dataclass(frozen=True)
class StatusTotal:
    status: str
    label: str
    count: int
    value: int


def project_totals(*, actor: Actor, region: Region) -> list[StatusTotal]:
    """Number and value of the region's projects at each status, zeros included."""
    rows = {
        row["status"]: row
        for row in projects_for(actor)
        .filter(region=region)
        .values("status")
        .annotate(count=Count("pk"), value=Sum("value"))
    }
    return [
        StatusTotal(
            status, label, rows.get(status, {}).get("count", 0), rows.get(status, {}).get("value") or 0
        )
        for status, label in InvestmentProject.Status.choices
    ]


def document_list(*, actor: Actor, project: InvestmentProject) -> QuerySet[ProjectDocument]:
    return restrict(ProjectDocument, actor, Perm.INVESTMENT_VIEW).filter(project=project)


def photo_list(*, actor: Actor, project: InvestmentProject) -> QuerySet[ProjectPhoto]:
    return restrict(ProjectPhoto, actor, Perm.INVESTMENT_VIEW).filter(project=project)


def document_get(
    *, actor: Actor, document_id: int, permission: str = Perm.INVESTMENT_VIEW
) -> ProjectDocument:
    return restrict(ProjectDocument, actor, permission).select_related("project").get(pk=document_id)


def photo_get(*, actor: Actor, photo_id: int, permission: str = Perm.INVESTMENT_VIEW) -> ProjectPhoto:
    return restrict(ProjectPhoto, actor, permission).select_related("project").get(pk=photo_id)


def project_districts(*, region: Region) -> QuerySet[Region]:
    return districts_of(region).order_by("name")


# Investors


def investors_for(actor: Actor, permission: str = Perm.INVESTMENT_VIEW) -> QuerySet[Investor]:
    return restrict(Investor, actor, permission)


def investor_list(*, actor: Actor, region: Region, search: str = "", country: str = "") -> QuerySet[Investor]:
    investors = investors_for(actor).filter(region=region)
    for word in search.split()[:SEARCH_WORDS]:
        investors = investors.filter(
            Q(company__icontains=word) | Q(contact_person__icontains=word) | Q(origin_city__icontains=word)
        )
    if country:
        investors = investors.filter(origin_country__iexact=country)
    return investors.annotate(lead_count=Count("leads", distinct=True)).order_by("company", "pk")


def investor_countries(*, actor: Actor, region: Region) -> list[str]:
    return sorted(set(investors_for(actor).filter(region=region).values_list("origin_country", flat=True)))


def investor_get(*, actor: Actor, investor_id: int, permission: str = Perm.INVESTMENT_VIEW) -> Investor:
    return investors_for(actor, permission).get(pk=investor_id)


# Gatherings


def gatherings_for(actor: Actor, permission: str = Perm.INVESTMENT_VIEW) -> QuerySet[InvestorGathering]:
    return restrict(InvestorGathering, actor, permission)


def gathering_list(*, actor: Actor, region: Region, search: str = "") -> QuerySet[InvestorGathering]:
    gatherings = gatherings_for(actor).filter(region=region)
    for word in search.split()[:SEARCH_WORDS]:
        gatherings = gatherings.filter(Q(name__icontains=word) | Q(place__icontains=word))
    # A subquery, not Sum over a join: joined with the invitees, every lead would be counted once per invitee.
    lead_value = (
        Lead.objects.with_scopes_disabled()
        .filter(gathering=OuterRef("pk"))
        .values("gathering")
        .annotate(total=Sum("value"))
        .values("total")
    )
    return gatherings.annotate(
        invitee_count=Count("invitees", distinct=True),
        lead_count=Count("leads", distinct=True),
        lead_value=Coalesce(Subquery(lead_value), 0),
    ).order_by("-held_on", "-pk")


def gathering_get(
    *, actor: Actor, gathering_id: int, permission: str = Perm.INVESTMENT_VIEW
) -> InvestorGathering:
    return gatherings_for(actor, permission).get(pk=gathering_id)


def gathering_invitees(*, actor: Actor, gathering: InvestorGathering) -> QuerySet[Investor]:
    return investors_for(actor).filter(gatherings=gathering).order_by("company")


# Leads and the pipeline


def leads_for(actor: Actor, permission: str = Perm.INVESTMENT_VIEW) -> QuerySet[Lead]:
    return restrict(Lead, actor, permission).select_related("investor", "project", "gathering")


@dataclass(frozen=True)
class LeadFilters:
    project_id: int | None = None
    investor_id: int | None = None
    gathering_id: int | None = None
    search: str = ""


def lead_list(*, actor: Actor, region: Region, filters: LeadFilters = LeadFilters()) -> QuerySet[Lead]:
    """The region's leads, the next step due first (leads without one last)."""
    leads = leads_for(actor).filter(region=region)
    if filters.project_id:
        leads = leads.filter(project_id=filters.project_id)
    if filters.investor_id:
        leads = leads.filter(investor_id=filters.investor_id)
    if filters.gathering_id:
        leads = leads.filter(gathering_id=filters.gathering_id)
    for word in filters.search.split()[:SEARCH_WORDS]:
        leads = leads.filter(Q(investor__company__icontains=word) | Q(project__title__icontains=word))
    return leads.order_by(F("next_step_on").asc(nulls_last=True), "pk")


def lead_get(*, actor: Actor, lead_id: int, permission: str = Perm.INVESTMENT_VIEW) -> Lead:
    return leads_for(actor, permission).get(pk=lead_id)


@dataclass(frozen=True)
class StageFigures:
    stage: str
    label: str
    # Leads standing at this stage now, and their value.
    count: int
    value: int
    # Leads that ever got this far; None for lost, which is not a step along the pipeline.
    reached: int | None
    # reached here / reached at the previous stage, as a percentage; None at the first stage or when
    # no lead reached the previous one.
    conversion: Decimal | None


def conversion_rate(reached: int, reached_before: int) -> Decimal | None:
    """Percentage of the leads at the previous stage that reached this one; None when none did (no 0 ÷ 0)."""
    if reached_before <= 0:
        return None
    return (Decimal(reached) * 100 / Decimal(reached_before)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def stage_figures(leads: list[tuple[str, str, int]]) -> list[StageFigures]:
    """Counts, values, reach and conversion per stage from each lead's (stage, furthest stage, value)."""
    counts = dict.fromkeys(LeadStage.values, 0)
    values = dict.fromkeys(LeadStage.values, 0)
    reached = dict.fromkeys(PIPELINE_STAGES, 0)
    for stage, furthest, value in leads:
        counts[stage] += 1
        values[stage] += value
        for step in PIPELINE_STAGES[: stage_rank(furthest) + 1]:
            reached[step] += 1
    figures = []
    for index, stage in enumerate(PIPELINE_STAGES):
        conversion = conversion_rate(reached[stage], reached[PIPELINE_STAGES[index - 1]]) if index else None
        figures.append(
            StageFigures(
                stage, LeadStage(stage).label, counts[stage], values[stage], reached[stage], conversion
            )
        )
    lost = LeadStage.LOST
    figures.append(StageFigures(lost, LeadStage(lost).label, counts[lost], values[lost], None, None))
    return figures


def pipeline_figures(
    *, actor: Actor, region: Region, filters: LeadFilters = LeadFilters()
) -> list[StageFigures]:
    """Value and conversion per stage of the region's leads (filtered as on the board)."""
    rows = lead_list(actor=actor, region=region, filters=filters).values_list(
        "stage", "furthest_stage", "value"
    )
    return stage_figures(list(rows))


@dataclass(frozen=True)
class BoardColumn:
    stage: str
    label: str
    leads: list[Lead]
    figures: StageFigures


def pipeline_board(
    *, actor: Actor, region: Region, filters: LeadFilters = LeadFilters()
) -> list[BoardColumn]:
    """One column per stage (the open stages in order, then lost) with its lead cards and figures."""
    leads = list(lead_list(actor=actor, region=region, filters=filters))
    figures = {
        row.stage: row
        for row in stage_figures([(lead.stage, lead.furthest_stage, lead.value) for lead in leads])
    }
    return [
        BoardColumn(
            stage, LeadStage(stage).label, [lead for lead in leads if lead.stage == stage], figures[stage]
        )
        for stage in (*PIPELINE_STAGES, LeadStage.LOST)
    ]


# Offers the public portal lists: an idea is still internal; every later status is shown.
PUBLIC_PROJECT_STATUSES = (
    InvestmentProject.Status.PRE_FEASIBILITY,
    InvestmentProject.Status.READY_TO_OFFER,
    InvestmentProject.Status.IN_NEGOTIATION,
    InvestmentProject.Status.REALISED,
)


def projects_public() -> QuerySet[InvestmentProject]:
    """Every region's investment offers past the idea stage, for the public portal (no actor, no leads)."""
    return (
        InvestmentProject.unscoped.filter(status__in=PUBLIC_PROJECT_STATUSES)
        .select_related("region", "district")
        .order_by("region__name", "title", "pk")
    )
