from decimal import Decimal

import pytest

from sahabat.investment import selectors
from sahabat.investment.models import LeadStage
from sahabat.investment.selectors import LeadFilters, conversion_rate, stage_figures
from tests.investment.factories import MILIAR, GatheringFactory, InvestorFactory, LeadFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _figures(rows):
    return {row.stage: row for row in stage_figures(rows)}


def test_conversion_divides_by_the_leads_of_the_stage_before():
    assert conversion_rate(3, 4) == Decimal("75.0")


def test_conversion_without_leads_before_is_none_not_a_division_by_zero():
    assert conversion_rate(0, 0) is None


def test_conversion_per_stage_counts_every_stage_a_lead_reached():
    leads = [
        ("inquiry", "inquiry", 0),
        ("meeting", "meeting", 10),
        ("lost", "meeting", 20),
        ("loi", "loi", 30),
    ]
    figures = _figures(leads)
    assert [figures[stage].reached for stage in ("inquiry", "meeting", "loi", "agreement", "realised")] == [
        4,
        3,
        1,
        0,
        0,
    ]
    assert [
        figures[stage].conversion for stage in ("inquiry", "meeting", "loi", "agreement", "realised")
    ] == [
        None,
        Decimal("75.0"),
        Decimal("33.3"),
        Decimal("0.0"),
        None,
    ]


def test_value_per_stage_is_the_value_of_the_leads_standing_there():
    figures = _figures([("meeting", "meeting", 10), ("meeting", "loi", 15), ("lost", "meeting", 20)])
    assert (figures["meeting"].count, figures["meeting"].value, figures["lost"].value) == (2, 25, 20)


def test_lost_has_no_reach_or_conversion():
    lost = _figures([("lost", "loi", 5)])["lost"]
    assert (lost.count, lost.reached, lost.conversion) == (1, None, None)


def test_no_leads_gives_zeros_and_no_conversion():
    figures = stage_figures([])
    assert {row.count for row in figures} == {0}
    assert {row.conversion for row in figures} == {None}


def test_board_has_a_column_per_stage_in_order_with_the_cards(officer, jember, lead):
    board = selectors.pipeline_board(actor=officer, region=jember)
    assert [column.stage for column in board] == [
        "inquiry",
        "meeting",
        "loi",
        "agreement",
        "realised",
        "lost",
    ]
    assert board[0].leads == [lead]


def test_board_filters_by_gathering(officer, jember, project, investor):
    gathering = GatheringFactory(region=jember)
    LeadFactory(project=project, investor=investor, gathering=gathering)
    LeadFactory(project=project, investor=InvestorFactory(region=jember))
    board = selectors.pipeline_board(
        actor=officer, region=jember, filters=LeadFilters(gathering_id=gathering.pk)
    )
    assert sum(len(column.leads) for column in board) == 1


def test_board_leaves_out_other_regions(officer, jember, sarolangun):
    LeadFactory(project=ProjectFactory(region=sarolangun))
    assert sum(len(column.leads) for column in selectors.pipeline_board(actor=officer, region=jember)) == 0


def test_lead_list_puts_the_next_step_due_first_and_undated_last(officer, jember, project):
    undated = LeadFactory(project=project, next_step_on=None)
    later = LeadFactory(project=project, next_step_on="2025-03-01")
    sooner = LeadFactory(project=project, next_step_on="2025-01-15")
    assert list(selectors.lead_list(actor=officer, region=jember)) == [sooner, later, undated]


def test_project_totals_count_and_sum_each_status(officer, jember):
    ProjectFactory(region=jember, status="idea", value=10 * MILIAR)
    ProjectFactory(region=jember, status="idea", value=5 * MILIAR)
    totals = {total.status: total for total in selectors.project_totals(actor=officer, region=jember)}
    assert (totals["idea"].count, totals["idea"].value, totals["realised"].count) == (2, 15 * MILIAR, 0)


def test_project_list_counts_open_leads_only(officer, jember, project):
    LeadFactory(project=project)
    LeadFactory(project=project, stage=LeadStage.LOST, lost_reason="Batal")
    LeadFactory(project=project, stage=LeadStage.REALISED)
    assert selectors.project_list(actor=officer, region=jember).get().open_leads == 1


def test_gathering_lead_value_is_not_multiplied_by_its_invitees(officer, jember, project):
    gathering = GatheringFactory(region=jember)
    gathering.invitees.set(InvestorFactory.create_batch(3, region=jember))
    LeadFactory(project=project, gathering=gathering, value=40 * MILIAR)
    row = selectors.gathering_list(actor=officer, region=jember).get()
    assert (row.invitee_count, row.lead_count, row.lead_value) == (3, 1, 40 * MILIAR)
