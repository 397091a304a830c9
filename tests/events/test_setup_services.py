from datetime import date

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import ApiToken
from sahabat.accounts.permissions import Role
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.events.models import Booth, Event, Participation
from sahabat.events.services import setup
from sahabat.registry.services import enterprise_create

pytestmark = pytest.mark.django_db

CARNIVAL_DATES = {
    "main_start": date(2023, 8, 4),
    "main_end": date(2023, 8, 6),
    "window_start": date(2023, 7, 28),
    "window_end": date(2023, 8, 13),
}


def _code(call) -> str:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value.errors[0].code


@pytest.fixture
def zone(carnival, officer):
    return setup.zone_create(actor=officer, event_id=carnival.pk, code="A", name="Zona Kuliner")


@pytest.fixture
def jember_maker(jember):
    return enterprise_create(actor=Actor.system(), region=jember, name="Suwar-Suwir Bu Tutik", sector="food")


@pytest.fixture
def invited(carnival, officer, jember_maker):
    return setup.participation_invite(actor=officer, event_id=carnival.pk, enterprise_id=jember_maker.pk)


# Event dates


def test_event_is_created_with_its_dates_and_targets(carnival):
    assert (carnival.main_start, carnival.window_end, carnival.target_turnover) == (
        date(2023, 8, 4),
        date(2023, 8, 13),
        500_000_000_000,
    )


@pytest.mark.parametrize(
    ("dates", "code", "field"),
    [
        ({"main_end": date(2023, 8, 3)}, "event.main_days_order", "main_end"),
        ({"window_start": date(2023, 8, 5)}, "event.window_start", "window_start"),
        ({"window_end": date(2023, 8, 5)}, "event.window_end", "window_end"),
    ],
)
def test_dates_out_of_order_are_refused_at_their_field(jember, officer, dates, code, field):
    with pytest.raises(DomainError) as refused:
        setup.event_create(actor=officer, region=jember, name="JFC", **{**CARNIVAL_DATES, **dates})
    assert (refused.value.errors[0].code, refused.value.errors[0].field) == (code, field)


def test_update_with_dates_out_of_order_changes_nothing(carnival, officer):
    _code(lambda: setup.event_update(actor=officer, event_id=carnival.pk, main_end=date(2023, 8, 1)))
    carnival.refresh_from_db()
    assert carnival.main_end == date(2023, 8, 6)


def test_viewer_cannot_create_an_event(jember, member_of):
    viewer = Actor.for_user(member_of(jember, Role.VIEWER))
    with pytest.raises(PermissionDenied):
        setup.event_create(actor=viewer, region=jember, name="JFC", **CARNIVAL_DATES)


# Zones


def test_zone_code_is_stored_in_capitals(zone):
    assert zone.code == "A"


def test_zone_code_is_unique_within_the_event(carnival, officer, zone):
    assert _code(lambda: setup.zone_create(actor=officer, event_id=carnival.pk, code="a", name="Lagi")) == (
        "zone.exists"
    )


def test_same_zone_code_is_allowed_in_another_event(jember, officer, zone):
    other = setup.event_create(actor=officer, region=jember, name="Jember Kopi Festival", **CARNIVAL_DATES)
    assert setup.zone_create(actor=officer, event_id=other.pk, code="A", name="Zona Kopi").code == "A"


def test_officer_of_another_region_cannot_add_a_zone(carnival, sarolangun, member_of):
    stranger = Actor.for_user(member_of(sarolangun, Role.OFFICER))
    with pytest.raises(NotFound):
        setup.zone_create(actor=stranger, event_id=carnival.pk, code="B", name="Zona B")


# Booth ranges


@pytest.mark.parametrize(
    "spec", ["A-001 … A-003", "A-001-A-003", "A-001...A-003", "A-001 s/d A-003", "A-001 – A-003", "A-001-003"]
)
def test_booth_range_expands_in_every_written_form(spec):
    assert setup.booth_codes_expand(spec) == ["A-001", "A-002", "A-003"]


def test_booth_range_keeps_the_zero_padding_of_the_first_code():
    assert setup.booth_codes_expand("B-08 … B-11") == ["B-08", "B-09", "B-10", "B-11"]


def test_single_booth_code_is_one_booth():
    assert setup.booth_codes_expand(" KUL-7 ") == ["KUL-7"]


def test_booth_range_of_two_hundred_gives_two_hundred_codes():
    codes = setup.booth_codes_expand("A-001 … A-200")
    assert (len(codes), codes[0], codes[-1]) == (200, "A-001", "A-200")


def test_booth_range_from_high_to_low_is_refused():
    assert _code(lambda: setup.booth_codes_expand("A-010 … A-001")) == "booth.range_order"


def test_booth_range_too_large_is_refused():
    assert _code(lambda: setup.booth_codes_expand("A-00001 … A-10000")) == "booth.range_too_large"


def test_booths_are_created_in_the_zone_with_their_category(carnival, officer, zone):
    created = setup.booths_create(
        actor=officer, event_id=carnival.pk, zone_id=zone.pk, codes="A-001 … A-020", category="kuliner"
    )
    assert (len(created), {booth.zone_id for booth in created}, {booth.category for booth in created}) == (
        20,
        {zone.pk},
        {"kuliner"},
    )


def test_existing_booth_codes_are_refused_and_nothing_is_created(carnival, officer, zone):
    create = dict(actor=officer, event_id=carnival.pk, zone_id=zone.pk)
    setup.booths_create(**create, codes="A-001 … A-003")
    code = _code(lambda: setup.booths_create(**create, codes="A-003 … A-005"))
    assert (code, Booth.objects.with_scopes_disabled().filter(event=carnival).count()) == ("booth.exists", 3)


def test_booths_need_a_zone_of_the_same_event(jember, carnival, officer, zone):
    other = setup.event_create(actor=officer, region=jember, name="Jember Kopi Festival", **CARNIVAL_DATES)
    create = dict(actor=officer, event_id=other.pk, zone_id=zone.pk, codes="A-1")
    assert _code(lambda: setup.booths_create(**create)) == "booth.zone"


# Participation


def test_partner_region_enterprise_can_be_invited(carnival, officer, sarolangun):
    guest = enterprise_create(actor=Actor.system(), region=sarolangun, name="Lempok Durian Sarolangun")
    participation = setup.participation_invite(actor=officer, event_id=carnival.pk, enterprise_id=guest.pk)
    assert (participation.status, participation.enterprise.region_id) == (
        Participation.Status.INVITED,
        sarolangun.pk,
    )


def test_closed_enterprise_cannot_be_invited(carnival, officer, jember):
    closed = enterprise_create(actor=Actor.system(), region=jember, name="Tutup", status="closed")
    assert _code(
        lambda: setup.participation_invite(actor=officer, event_id=carnival.pk, enterprise_id=closed.pk)
    ) == ("participation.enterprise_closed")


def test_enterprise_cannot_be_invited_twice(carnival, officer, jember_maker, invited):
    assert _code(
        lambda: setup.participation_invite(actor=officer, event_id=carnival.pk, enterprise_id=jember_maker.pk)
    ) == ("participation.exists")


def test_approval_needs_a_booth(officer, invited):
    assert _code(
        lambda: setup.participation_decide(
            actor=officer, participation_id=invited.pk, status=Participation.Status.APPROVED
        )
    ) == ("participation.booth_required")


def test_approval_with_a_booth_assigns_it(carnival, officer, zone, invited):
    [booth] = setup.booths_create(actor=officer, event_id=carnival.pk, zone_id=zone.pk, codes="A-001")
    decided = setup.participation_decide(
        actor=officer, participation_id=invited.pk, status=Participation.Status.APPROVED, booth_id=booth.pk
    )
    assert (decided.status, decided.booth_id, decided.decided_at is not None) == ("approved", booth.pk, True)


def test_one_booth_cannot_be_approved_for_two_enterprises(carnival, officer, zone, invited, sarolangun):
    [booth] = setup.booths_create(actor=officer, event_id=carnival.pk, zone_id=zone.pk, codes="A-001")
    setup.participation_decide(
        actor=officer, participation_id=invited.pk, status=Participation.Status.APPROVED, booth_id=booth.pk
    )
    guest = enterprise_create(actor=Actor.system(), region=sarolangun, name="Lempok Durian Sarolangun")
    second = setup.participation_invite(actor=officer, event_id=carnival.pk, enterprise_id=guest.pk)
    assert _code(
        lambda: setup.participation_decide(
            actor=officer, participation_id=second.pk, status=Participation.Status.APPROVED, booth_id=booth.pk
        )
    ) == ("participation.booth_taken")


def test_withdrawn_enterprise_frees_its_booth_for_another(carnival, officer, zone, invited, sarolangun):
    [booth] = setup.booths_create(actor=officer, event_id=carnival.pk, zone_id=zone.pk, codes="A-001")
    approved = dict(status=Participation.Status.APPROVED, booth_id=booth.pk)
    setup.participation_decide(actor=officer, participation_id=invited.pk, **approved)
    withdrawn = Participation.Status.WITHDRAWN
    setup.participation_decide(actor=officer, participation_id=invited.pk, status=withdrawn)
    guest = enterprise_create(actor=Actor.system(), region=sarolangun, name="Lempok Durian Sarolangun")
    second = setup.participation_invite(actor=officer, event_id=carnival.pk, enterprise_id=guest.pk)
    decided = setup.participation_decide(actor=officer, participation_id=second.pk, **approved)
    assert decided.booth_id == booth.pk


# Device tokens


def test_device_token_is_bound_to_the_event_as_a_booth_cashier(carnival, officer):
    issued = setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP kasir A-001")
    token = ApiToken.objects.with_scopes_disabled().get(pk=issued.token.pk)
    expected = (carnival.pk, Role.BOOTH_CASHIER, carnival.region_id)
    assert (token.event_id, token.role, token.region_id) == expected


def test_device_token_actor_carries_the_event(carnival, officer):
    issued = setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP kasir A-001")
    assert Actor.for_token(issued.token).token_event_id == carnival.pk


def test_device_token_raw_key_is_not_stored(carnival, officer):
    issued = setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP kasir A-001")
    assert issued.token.key_digest == ApiToken.digest(issued.raw_key) != issued.raw_key


def test_cancelled_event_gets_no_device_token(carnival, officer):
    setup.event_update(actor=officer, event_id=carnival.pk, status=Event.Status.CANCELLED)
    assert _code(lambda: setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP")) == (
        "event.cancelled"
    )


def test_device_token_is_revoked(carnival, officer):
    issued = setup.event_device_token_create(actor=officer, event_id=carnival.pk, name="HP kasir A-001")
    revoked = setup.event_device_token_revoke(actor=officer, event_id=carnival.pk, token_id=issued.token.pk)
    assert revoked.is_revoked


def test_token_of_another_event_is_not_revoked_through_this_one(jember, carnival, officer):
    other = setup.event_create(actor=officer, region=jember, name="Jember Kopi Festival", **CARNIVAL_DATES)
    issued = setup.event_device_token_create(actor=officer, event_id=other.pk, name="HP kasir")
    with pytest.raises(NotFound):
        setup.event_device_token_revoke(actor=officer, event_id=carnival.pk, token_id=issued.token.pk)
