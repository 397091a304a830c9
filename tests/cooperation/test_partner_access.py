"""Partner access, the heart of cooperation: an agreement in force lets each party read the other's
aggregates, and nothing with personal data; access ends with the agreement."""

from datetime import timedelta

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.scoping import aggregate_region_ids, partner_region_ids
from sahabat.cooperation import services
from sahabat.core.errors import PermissionDenied
from sahabat.purchasing.selectors import asn_spending
from sahabat.registry.selectors import register_aggregates
from tests.registry.factories import EnterpriseFactory, LicenceFactory, OwnerFactory

OWNER_NAME = "Siti Nurhaliza Wulandari"
OWNER_NIK = "3509015708900012"
ENTERPRISE_NAME = "Prol Tape Bu Siti Kaliwates"


@pytest.fixture
def jember_register(jember):
    """Three Jember enterprises, two with an NIB; one names its owner, whose NIK is on file."""
    named = EnterpriseFactory(
        region=jember, name=ENTERPRISE_NAME, owner=OwnerFactory(name=OWNER_NAME, nik=OWNER_NIK)
    )
    LicenceFactory(enterprise=named)
    LicenceFactory(enterprise=EnterpriseFactory(region=jember, owner=None, sector="craft"))
    EnterpriseFactory(region=jember, owner=None, sector="fashion")
    return named


@pytest.fixture
def partner(sarolangun_officer):
    return Actor.for_user(sarolangun_officer)


def login(client, user):
    client.force_login(user)
    return client


# The grant -----------------------------------------------------------------------------------


def test_an_agreement_in_force_makes_the_other_party_a_partner(mou, partner, jember):
    assert partner_region_ids(partner) == frozenset({jember.pk})


def test_both_parties_are_partners_of_each_other(mou, jember_officer, sarolangun):
    assert partner_region_ids(Actor.for_user(jember_officer)) == frozenset({sarolangun.pk})


def test_without_an_agreement_there_is_no_partner(partner):
    assert partner_region_ids(partner) == frozenset()


def test_partner_access_ends_with_the_agreement(expired_mou, partner):
    assert partner_region_ids(partner) == frozenset()


def test_a_draft_gives_no_access(make_agreement, jember, sarolangun, partner):
    make_agreement(jember, sarolangun, signed=False)
    assert partner_region_ids(partner) == frozenset()


def test_access_ends_when_the_agreement_is_terminated(mou, partner, system, today):
    services.agreement_terminate(actor=system, agreement_id=mou.pk, terminated_on=today, reason="Diakhiri")
    assert partner_region_ids(partner) == frozenset()


def test_an_agreement_not_yet_in_force_gives_no_access(make_agreement, jember, sarolangun, partner, today):
    make_agreement(jember, sarolangun, valid_from=today + timedelta(days=1), signed_on=today)
    assert partner_region_ids(partner) == frozenset()


def test_a_booth_cashier_gains_nothing_from_its_regions_agreements(mou, sarolangun, member_of):
    cashier = Actor.for_user(member_of(sarolangun, Role.BOOTH_CASHIER))
    assert aggregate_region_ids(cashier, Perm.REGISTRY_VIEW) == frozenset()


# Aggregates, not records ---------------------------------------------------------------------


def test_the_partner_reads_the_register_in_figures(mou, partner, jember, jember_register):
    figures = register_aggregates(actor=partner, region=jember)
    assert (figures.total, figures.with_nib, figures.by_sector) == (
        3,
        2,
        {"food": 1, "craft": 1, "fashion": 1},
    )


def test_without_an_agreement_the_register_figures_are_refused(partner, jember, jember_register):
    with pytest.raises(PermissionDenied):
        register_aggregates(actor=partner, region=jember)


def test_the_partner_reads_asn_spending(mou, partner, jember, today):
    assert asn_spending(actor=partner, region=jember, year=today.year).total == 0


def test_a_sarolangun_officer_sees_jembers_aggregates_on_the_partner_dashboard(
    client, mou, sarolangun_officer, jember_register
):
    page = login(client, sarolangun_officer).get("/cooperation/partners/35.09/")
    assert page.status_code == 200
    comparisons = {item.key: item for item in page.context["dashboard"].comparisons}
    assert comparisons["enterprises"].partner == 3
    assert round(comparisons["nib_per_thousand"].partner, 1) == 666.7


def test_after_the_agreement_expires_the_dashboard_is_refused(
    client, expired_mou, sarolangun_officer, jember_register
):
    assert login(client, sarolangun_officer).get("/cooperation/partners/35.09/").status_code == 403


def test_without_an_agreement_the_dashboard_is_refused(client, sarolangun_officer, jember_register):
    assert login(client, sarolangun_officer).get("/cooperation/partners/35.09/").status_code == 403


def test_the_dashboard_api_is_refused_after_the_agreement_expires(client, expired_mou, sarolangun_officer):
    response = login(client, sarolangun_officer).get("/api/cooperation/partners/35.09/dashboard")
    assert response.status_code == 403


def test_the_dashboard_never_shows_an_enterprise_an_owner_or_a_nik(
    client, mou, sarolangun_officer, jember_register
):
    client = login(client, sarolangun_officer)
    for url in ("/cooperation/partners/35.09/", "/api/cooperation/partners/35.09/dashboard"):
        body = client.get(url).content.decode()
        assert ENTERPRISE_NAME not in body and OWNER_NAME not in body
        assert OWNER_NIK not in body and jember_register.owner.nik_masked not in body


def test_the_partner_is_refused_jembers_enterprise_page(client, mou, sarolangun_officer, jember_register):
    assert login(client, sarolangun_officer).get(f"/register/{jember_register.pk}/").status_code == 404


def test_the_partner_is_refused_jembers_enterprise_in_the_api(
    client, mou, sarolangun_officer, jember_register
):
    response = login(client, sarolangun_officer).get(f"/api/registry/enterprises/{jember_register.pk}")
    assert response.status_code == 404


def test_the_partner_is_refused_jembers_register_list_in_the_api(
    client, mou, sarolangun_officer, jember_register
):
    response = login(client, sarolangun_officer).get("/api/registry/enterprises", {"region": "35.09"})
    assert response.status_code == 403


def test_the_partner_cannot_switch_to_jember_and_its_register_list_shows_no_jember_enterprise(
    client, mou, sarolangun_officer, jember_register
):
    client = login(client, sarolangun_officer)
    client.post("/accounts/region/", {"region": "35.09", "next": "/register/"})
    listing = client.get("/register/").content.decode()
    assert ENTERPRISE_NAME not in listing and OWNER_NAME not in listing


def test_the_partner_reads_jembers_shared_practice_but_not_an_unshared_one(
    client, mou, sarolangun_officer, system, jember
):
    shared = services.practice_save(actor=system, region=jember, title="Iven UMKM", goal="Omzet")
    private = services.practice_save(
        actor=system, region=jember, title="Draf internal", goal="x", is_shared=False
    )
    client = login(client, sarolangun_officer)
    assert client.get(f"/cooperation/practices/{shared.pk}/").status_code == 200
    assert client.get(f"/cooperation/practices/{private.pk}/").status_code == 404
