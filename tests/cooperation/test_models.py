"""The statuses that are computed, not typed: an agreement's lifecycle and an action item's lateness."""

from datetime import date

from sahabat.cooperation.models import ActionItem, Agreement, Lifecycle, MonitoringReport

START, END = date(2023, 8, 5), date(2028, 8, 4)


def agreement(status=Agreement.Status.SIGNED) -> Agreement:
    return Agreement(status=status, signed_on=START, valid_from=START, valid_until=END)


def test_a_draft_is_a_draft_whatever_the_dates():
    assert agreement(Agreement.Status.DRAFT).lifecycle(date(2025, 1, 1)) == Lifecycle.DRAFT


def test_a_signed_agreement_before_its_validity_is_not_yet_in_force():
    assert agreement().lifecycle(date(2023, 8, 4)) == Lifecycle.SIGNED


def test_a_signed_agreement_is_active_from_its_first_to_its_last_day():
    assert [agreement().lifecycle(day) for day in (START, date(2026, 11, 28), END)] == [Lifecycle.ACTIVE] * 3


def test_a_signed_agreement_expires_the_day_after_its_validity():
    assert agreement().lifecycle(date(2028, 8, 5)) == Lifecycle.EXPIRED


def test_a_terminated_agreement_stays_terminated_within_its_dates():
    assert agreement(Agreement.Status.TERMINATED).lifecycle(date(2026, 11, 28)) == Lifecycle.TERMINATED


def test_days_left_count_to_the_last_day():
    assert agreement().days_left(date(2028, 7, 5)) == 30


def test_days_left_is_none_once_expired():
    assert agreement().days_left(date(2028, 8, 5)) is None


def test_an_open_item_past_its_due_date_is_overdue():
    item = ActionItem(due_date=date(2026, 10, 31), status=ActionItem.Status.IN_PROGRESS)
    assert item.is_overdue(date(2026, 11, 1))


def test_an_item_is_not_overdue_on_its_due_date():
    item = ActionItem(due_date=date(2026, 10, 31), status=ActionItem.Status.PLANNED)
    assert not item.is_overdue(date(2026, 10, 31))


def test_a_done_or_cancelled_item_is_never_overdue():
    late = date(2027, 1, 1)
    assert not ActionItem(due_date=date(2026, 1, 1), status=ActionItem.Status.DONE).is_overdue(late)
    assert not ActionItem(due_date=date(2026, 1, 1), status=ActionItem.Status.CANCELLED).is_overdue(late)


def test_a_report_covers_its_half_year():
    first, second = MonitoringReport(year=2026, half=1), MonitoringReport(year=2026, half=2)
    assert (first.period_start, first.period_end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert (second.period_start, second.period_end) == (date(2026, 7, 1), date(2026, 12, 31))
