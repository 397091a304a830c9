from datetime import date

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.core.errors import PermissionDenied
from sahabat.events.selectors import setup as selectors
from sahabat.events.selectors.setup import EventPhase, event_phase
from sahabat.events.services import setup
from sahabat.events.templatetags.event_dates import date_range
from sahabat.registry.services import enterprise_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "phase"),
    [
        (date(2023, 7, 27), EventPhase.UPCOMING),
        (date(2023, 7, 28), EventPhase.WINDOW),
        (date(2023, 8, 3), EventPhase.WINDOW),
        (date(2023, 8, 4), EventPhase.MAIN_DAYS),
        (date(2023, 8, 6), EventPhase.MAIN_DAYS),
        (date(2023, 8, 7), EventPhase.WINDOW),
        (date(2023, 8, 13), EventPhase.WINDOW),
        (date(2023, 8, 14), EventPhase.FINISHED),
    ],
)
def test_phase_follows_the_window_and_the_main_days(carnival, today, phase):
    assert event_phase(carnival, today=today) == phase


@pytest.mark.parametrize(
    ("start", "end", "locale", "shown"),
    [
        (date(2023, 8, 4), date(2023, 8, 6), "id", "4–6 Agustus 2023"),
        (date(2023, 7, 28), date(2023, 8, 13), "id", "28 Juli–13 Agustus 2023"),
        (date(2023, 12, 28), date(2024, 1, 3), "id", "28 Desember 2023–3 Januari 2024"),
        (date(2023, 8, 4), date(2023, 8, 4), "id", "4 Agustus 2023"),
        (date(2023, 8, 4), date(2023, 8, 6), "en", "August 4\u2009–\u20096, 2023"),
    ],
)
def test_date_range_writes_the_month_in_full(start, end, locale, shown):
    assert date_range(start, end, locale=locale) == shown


def test_event_list_is_newest_first(jember, officer, carnival):
    later = setup.event_create(
        actor=officer,
        region=jember,
        name="JFC 2024",
        main_start=date(2024, 8, 2),
        main_end=date(2024, 8, 4),
        window_start=date(2024, 7, 26),
        window_end=date(2024, 8, 11),
    )
    assert list(selectors.event_list(actor=officer, region=jember)) == [later, carnival]


def test_event_list_searches_by_name(jember, officer, carnival):
    assert list(selectors.event_list(actor=officer, region=jember, search="fashion")) == [carnival]


def test_event_list_of_all_regions_is_refused_to_a_cashier(jember, member_of):
    cashier = Actor.for_user(member_of(jember, Role.BOOTH_CASHIER))
    with pytest.raises(PermissionDenied):
        selectors.event_list(actor=cashier)


def test_booth_list_shows_only_the_approved_enterprise(officer, carnival, booths):
    listed = selectors.booth_list(actor=officer, event=carnival)
    shown = {booth.code: booth.enterprise_name for booth in listed}
    assert shown == {"A-001": "Suwar-Suwir Bu Tutik", "A-002": "Lempok Durian Sarolangun", "A-003": None}


def test_free_booths_are_those_without_an_approved_enterprise(officer, carnival, booths):
    assert selectors.free_booth_codes(actor=officer, event=carnival) == ["A-003"]


def test_booth_is_found_by_its_code_in_any_case(officer, carnival, booths):
    assert selectors.booth_by_code(actor=officer, event=carnival, code="a-002") == booths["A-002"]


def test_invite_candidates_come_from_every_region_host_first(officer, carnival, jember, sarolangun):
    system = Actor.system()
    guest = enterprise_create(actor=system, region=sarolangun, name="Batik Jambi Sarolangun")
    host = enterprise_create(actor=system, region=jember, name="Batik Tulis Labako")
    assert selectors.invite_candidates(actor=officer, event=carnival, search="batik") == [host, guest]


def test_invite_candidates_leave_out_closed_and_already_invited(officer, carnival, jember):
    system = Actor.system()
    enterprise_create(actor=system, region=jember, name="Kopi Tutup", status="closed")
    invited = enterprise_create(actor=system, region=jember, name="Kopi Diundang")
    open_one = enterprise_create(actor=system, region=jember, name="Kopi Buka")
    setup.participation_invite(actor=officer, event_id=carnival.pk, enterprise_id=invited.pk)
    assert selectors.invite_candidates(actor=officer, event=carnival, search="kopi") == [open_one]


def test_invite_candidates_need_a_search(officer, carnival, jember):
    enterprise_create(actor=Actor.system(), region=jember, name="Kopi Buka")
    assert selectors.invite_candidates(actor=officer, event=carnival, search="  ") == []


def test_invite_candidates_are_refused_to_a_viewer(carnival, jember, member_of):
    viewer = Actor.for_user(member_of(jember, Role.VIEWER))
    with pytest.raises(PermissionDenied):
        selectors.invite_candidates(actor=viewer, event=carnival, search="kopi")


def test_setup_summary_counts_the_set_up(officer, carnival, booths):
    setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP kasir")
    summary = selectors.event_setup_summary(actor=officer, event=carnival)
    assert summary == selectors.EventSetupSummary(zones=1, booths=3, approved=2, invited=1, devices=1)
