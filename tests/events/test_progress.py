import math
from datetime import date, datetime

import pytest
from django.db.models import Sum

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.core.errors import NotFound
from sahabat.events.models import Event, Participation, Sale, VisitorCount
from sahabat.events.selectors.progress import (
    Group,
    Phase,
    _fold_small_groups,
    event_progress,
    event_progress_public,
)
from sahabat.events.services import setup
from sahabat.events.services.ledger import sale_record_batch, visitor_count_record_batch
from sahabat.registry.services import enterprise_create
from tests.events.conftest import WIB, sale, visitors

pytestmark = pytest.mark.django_db

MAIN_DAY_NOON = datetime(2023, 8, 5, 12, 0, tzinfo=WIB)


def _record(device, event, *items):
    results = sale_record_batch(actor=device, event_id=event.pk, items=list(items))
    assert {result.status for result in results} == {"created"}


def _count(device, event, *items):
    results = visitor_count_record_batch(actor=device, event_id=event.pk, items=list(items))
    assert {result.status for result in results} == {"created"}


def _progress(officer, event, now=MAIN_DAY_NOON):
    return event_progress(actor=officer, event_id=event.pk, now=now)


def test_turnover_and_sales_count_equal_the_ledger(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=25_000), sale(booth="A-002", amount=40_000), sale(amount=7_500))
    ledger = Sale.objects.with_scopes_disabled().filter(event=carnival)
    progress = _progress(officer, carnival)
    assert (progress.turnover, progress.sales_count) == (ledger.aggregate(total=Sum("amount"))["total"], 3)


def test_visitors_equal_the_counted_visitors(officer, carnival, booths, device):
    _count(device, carnival, visitors(count=120), visitors(count=80, gate="Gerbang Selatan"))
    counted = VisitorCount.objects.with_scopes_disabled().filter(event=carnival).aggregate(total=Sum("count"))
    assert _progress(officer, carnival).visitors == counted["total"] == 200


def test_a_reversal_takes_the_sale_out_of_turnover_and_count(officer, carnival, booths, device):
    original = sale(amount=25_000)
    _record(device, carnival, original, sale(amount=10_000))
    _record(device, carnival, sale(amount=-25_000, reversal_of=original.client_uuid))
    progress = _progress(officer, carnival)
    assert (progress.turnover, progress.sales_count) == (10_000, 1)


def test_shares_of_the_targets(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=5_000_000))
    _count(device, carnival, visitors(count=10_000))
    progress = _progress(officer, carnival)
    assert (progress.turnover_share, progress.visitor_share) == (
        5_000_000 / 500_000_000_000 * 100,
        1.0,
    )


def test_days_elapsed_and_remaining_count_today_as_remaining(officer, carnival, booths):
    progress = _progress(officer, carnival)
    assert (progress.days_total, progress.days_elapsed, progress.days_remaining) == (17, 8, 9)
    assert (progress.main_days_total, progress.main_days_elapsed, progress.main_days_remaining) == (3, 1, 2)


def test_pace_needed_spreads_what_is_missing_over_the_remaining_days(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=100_000))
    _count(device, carnival, visitors(count=400_000))
    progress = _progress(officer, carnival)
    assert progress.turnover_needed_per_day == math.ceil((500_000_000_000 - 100_000) / 9)
    assert progress.visitors_needed_per_day == (1_000_000 - 400_000) // 2


def test_pace_needed_is_zero_once_the_target_is_reached(officer, carnival, booths, device):
    setup.event_update(actor=officer, event_id=carnival.pk, target_turnover=20_000)
    _record(device, carnival, sale(amount=25_000))
    assert _progress(officer, carnival).turnover_needed_per_day == 0


def test_projection_continues_the_run_rate_to_the_end_of_the_window(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=240_000, at=datetime(2023, 7, 28, 10, 0, tzinfo=WIB)))
    progress = _progress(officer, carnival, now=datetime(2023, 7, 29, 0, 0, tzinfo=WIB))
    # 240,000 in the first 24 hours; 16 days of the window are left.
    assert progress.turnover_rate_per_day == 240_000
    assert progress.turnover_projection == 240_000 + 16 * 240_000


def test_visitor_projection_runs_over_the_main_days(officer, carnival, booths, device):
    _count(device, carnival, visitors(count=1_000, start=datetime(2023, 8, 4, 20, 0, tzinfo=WIB)))
    progress = _progress(officer, carnival, now=datetime(2023, 8, 5, 0, 0, tzinfo=WIB))
    # 1,000 in the first main day; two main days are left.
    assert (progress.visitors_rate_per_day, progress.visitors_projection) == (1_000, 3_000)


def test_no_projection_before_any_data(officer, carnival, booths):
    progress = _progress(officer, carnival)
    assert (progress.turnover_rate_per_day, progress.turnover_projection, progress.visitors_projection) == (
        None,
        None,
        None,
    )


def test_no_projection_in_the_first_hour(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=50_000, at=datetime(2023, 7, 28, 0, 10, tzinfo=WIB)))
    progress = _progress(officer, carnival, now=datetime(2023, 7, 28, 0, 30, tzinfo=WIB))
    assert progress.turnover_projection is None


def test_after_the_window_the_projection_is_the_final_figure(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=75_000))
    progress = _progress(officer, carnival, now=datetime(2023, 9, 1, tzinfo=WIB))
    assert (progress.phase, progress.days_remaining, progress.turnover_needed_per_day) == (
        Phase.ENDED,
        0,
        None,
    )
    assert progress.turnover_projection == 75_000


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (datetime(2023, 7, 27, 23, 0, tzinfo=WIB), Phase.UPCOMING),
        (datetime(2023, 7, 28, 0, 0, tzinfo=WIB), Phase.BEFORE_MAIN_DAYS),
        (datetime(2023, 8, 6, 23, 0, tzinfo=WIB), Phase.MAIN_DAYS),
        (datetime(2023, 8, 7, 0, 0, tzinfo=WIB), Phase.AFTER_MAIN_DAYS),
        (datetime(2023, 8, 14, 0, 0, tzinfo=WIB), Phase.ENDED),
    ],
)
def test_phase_follows_the_local_calendar(officer, carnival, now, phase):
    assert _progress(officer, carnival, now=now).phase == phase


def test_hourly_series_is_in_the_regions_zone(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=30_000, at=datetime(2023, 8, 5, 19, 30, tzinfo=WIB)))
    _count(device, carnival, visitors(count=50, start=datetime(2023, 8, 5, 19, 0, tzinfo=WIB)))
    hourly = _progress(officer, carnival).hourly
    assert (len(hourly), hourly[19].turnover, hourly[19].visitors) == (24, 30_000, 50)


def test_a_sale_after_midnight_wib_counts_for_the_local_day(officer, carnival, booths, device):
    # 00:30 WIB on 5 August is still 4 August in UTC.
    _record(device, carnival, sale(amount=12_000, at=datetime(2023, 8, 5, 0, 30, tzinfo=WIB)))
    daily = {point.day: point.turnover for point in _progress(officer, carnival).daily}
    assert (daily[date(2023, 8, 4)], daily[date(2023, 8, 5)]) == (0, 12_000)


def test_daily_series_covers_the_window_and_marks_the_main_days(officer, carnival):
    daily = _progress(officer, carnival).daily
    assert (len(daily), [point.day for point in daily if point.is_main_day]) == (
        17,
        [date(2023, 8, 4), date(2023, 8, 5), date(2023, 8, 6)],
    )


def test_breakdown_by_origin_region_shows_the_sarolangun_enterprise(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=25_000), sale(booth="A-002", amount=40_000))
    origins = {group.label: group.turnover for group in _progress(officer, carnival).by_origin}
    assert origins == {"Kabupaten Sarolangun": 40_000, "Kabupaten Jember": 25_000}


def test_breakdown_by_sector_and_zone(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=25_000), sale(booth="A-002", amount=40_000))
    progress = _progress(officer, carnival)
    assert [(group.key, group.turnover, group.enterprises) for group in progress.by_sector] == [
        ("food", 65_000, 2)
    ]
    assert [(group.label, group.share) for group in progress.by_zone] == [("A · Zona Kuliner", 100.0)]


def test_zone_without_sales_is_listed_for_officers(officer, carnival, booths):
    setup.zone_create(actor=officer, event_id=carnival.pk, code="B", name="Zona Batik")
    assert [(group.label, group.turnover) for group in _progress(officer, carnival).by_zone] == [
        ("A · Zona Kuliner", 0),
        ("B · Zona Batik", 0),
    ]


def test_breakdown_by_payment_method_and_buyer_type(officer, carnival, booths, device):
    _record(
        device,
        carnival,
        sale(amount=25_000, payment_method="qris", buyer_type="asn"),
        sale(amount=10_000, payment_method="cash"),
        sale(amount=5_000, payment_method="qris"),
    )
    progress = _progress(officer, carnival)
    assert [(group.key, group.turnover, group.sales_count) for group in progress.by_payment_method] == [
        ("qris", 30_000, 2),
        ("cash", 10_000, 1),
    ]
    assert [(group.key, group.turnover) for group in progress.by_buyer_type] == [
        ("asn", 25_000),
        ("public", 15_000),
    ]


def test_top_enterprises_are_ranked_by_turnover(officer, carnival, booths, device):
    _record(device, carnival, sale(amount=25_000), sale(booth="A-002", amount=40_000))
    top = _progress(officer, carnival).top_enterprises
    assert [(entry.name, entry.origin, entry.booths, entry.turnover) for entry in top] == [
        ("Lempok Durian Sarolangun", "Kabupaten Sarolangun", ("A-002",), 40_000),
        ("Suwar-Suwir Bu Tutik", "Kabupaten Jember", ("A-001",), 25_000),
    ]


def _second_event(officer, jember):
    other = setup.event_create(
        actor=officer,
        region=jember,
        name="Jember Expo",
        main_start=date(2023, 8, 5),
        main_end=date(2023, 8, 5),
        window_start=date(2023, 8, 5),
        window_end=date(2023, 8, 5),
        status=Event.Status.PUBLISHED,
    )
    zone = setup.zone_create(actor=officer, event_id=other.pk, code="E", name="Expo")
    [booth] = setup.booths_create(actor=officer, event_id=other.pk, zone_id=zone.pk, codes="E-01")
    maker = enterprise_create(actor=Actor.system(), region=jember, name="Kopi Kahyangan", sector="food")
    participation = setup.participation_invite(
        actor=officer, event_id=other.pk, enterprise_id=maker.pk, booth_id=booth.pk
    )
    setup.participation_decide(
        actor=officer, participation_id=participation.pk, status=Participation.Status.APPROVED
    )
    return other


def test_nothing_from_another_event_is_counted(officer, jember, carnival, booths, device):
    other = _second_event(officer, jember)
    _record(Actor.system(), other, sale(booth="E-01", amount=99_000))
    _count(Actor.system(), other, visitors(count=500))
    _record(device, carnival, sale(amount=25_000))
    progress = _progress(officer, carnival)
    assert (progress.turnover, progress.visitors, [group.label for group in progress.by_zone]) == (
        25_000,
        0,
        ["A · Zona Kuliner"],
    )


def test_empty_event_without_targets_divides_by_nothing(officer, jember):
    empty = setup.event_create(
        actor=officer,
        region=jember,
        name="Bazar UMKM",
        main_start=date(2023, 8, 5),
        main_end=date(2023, 8, 5),
        window_start=date(2023, 8, 5),
        window_end=date(2023, 8, 5),
    )
    progress = _progress(officer, empty)
    assert progress.is_empty
    assert (
        progress.turnover_share,
        progress.turnover_needed_per_day,
        progress.by_zone,
        progress.top_enterprises,
    ) == (
        None,
        None,
        (),
        (),
    )


def test_an_officer_of_another_region_cannot_read_the_progress(carnival, sarolangun, member_of):
    stranger = Actor.for_user(member_of(sarolangun, Role.REGION_ADMIN))
    with pytest.raises(NotFound):
        event_progress(actor=stranger, event_id=carnival.pk)


def test_a_viewer_reads_the_progress(carnival, jember, member_of):
    viewer = Actor.for_user(member_of(jember, Role.VIEWER))
    assert event_progress(actor=viewer, event_id=carnival.pk).name == carnival.name


def test_a_cashier_cannot_read_the_progress(carnival, jember, member_of):
    cashier = Actor.for_user(member_of(jember, Role.BOOTH_CASHIER))
    with pytest.raises(NotFound):
        event_progress(actor=cashier, event_id=carnival.pk)


def test_public_progress_has_no_enterprise_ranking(carnival, booths, device):
    _record(device, carnival, sale(amount=25_000))
    progress = event_progress_public(event_id=carnival.pk, now=MAIN_DAY_NOON)
    assert (progress.public, progress.turnover, progress.top_enterprises) == (True, 25_000, ())


def test_public_progress_does_not_single_out_a_lone_enterprise_from_sarolangun(carnival, booths, device):
    _record(device, carnival, sale(amount=25_000), sale(booth="A-002", amount=40_000))
    progress = event_progress_public(event_id=carnival.pk, now=MAIN_DAY_NOON)
    assert "Kabupaten Sarolangun" not in [group.label for group in progress.by_origin]


def test_public_progress_of_a_draft_event_is_not_found(carnival, officer):
    setup.event_update(actor=officer, event_id=carnival.pk, status=Event.Status.DRAFT)
    with pytest.raises(NotFound):
        event_progress_public(event_id=carnival.pk)


def _fold(**members):
    groups = [
        Group(key=key, label=key, turnover=100, sales_count=1, enterprises=len(ids), share=0.0)
        for key, ids in members.items()
    ]
    folded = _fold_small_groups(groups, members, others_label="Others", turnover=100 * len(groups))
    return [(group.label, group.enterprises) for group in folded]


def test_groups_large_enough_are_shown_and_small_ones_folded():
    assert _fold(jember={1, 2, 3, 4, 5}, banyuwangi={6, 7, 8}, sarolangun={9}, bondowoso={10, 11}) == [
        ("banyuwangi", 3),
        ("jember", 5),
        ("Others", 3),
    ]


def test_a_too_small_others_group_takes_in_the_smallest_shown_group():
    assert _fold(jember={1, 2, 3, 4, 5}, banyuwangi={6, 7, 8}, sarolangun={9}) == [
        ("jember", 5),
        ("Others", 4),
    ]


def test_an_enterprise_selling_in_two_small_zones_counts_once_in_others():
    assert _fold(a={1, 2, 3, 4}, b={5, 6, 7}, c={8}, d={8}) == [("a", 4), ("Others", 4)]


def test_a_breakdown_that_would_be_only_others_is_left_out():
    assert _fold(jember={1}, sarolangun={2}) == []


def test_unknown_event_is_not_found(officer):
    with pytest.raises(NotFound):
        event_progress(actor=officer, event_id=987_654)
