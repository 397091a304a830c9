import pytest
from django_scopes.exceptions import ScopeError

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.scoping import PARTNER_ACCESS_PROVIDERS, aggregate_region_ids, restrict


@pytest.mark.django_db
def test_a_query_without_scope_fails_loudly(jember_admin):
    with pytest.raises(ScopeError):
        list(Membership.objects.all())


@pytest.mark.django_db
def test_restrict_returns_only_the_actors_region(jember, sarolangun, member_of):
    admin = member_of(jember, Role.REGION_ADMIN)
    member_of(sarolangun, Role.OFFICER)
    rows = restrict(Membership, Actor.for_user(admin), Perm.MEMBERS_MANAGE)
    assert {membership.region_id for membership in rows} == {jember.pk}


@pytest.mark.django_db
def test_restrict_returns_nothing_without_the_permission(jember, member_of):
    viewer = member_of(jember, Role.VIEWER)
    assert not restrict(Membership, Actor.for_user(viewer), Perm.MEMBERS_MANAGE).exists()


@pytest.mark.django_db
def test_anonymous_actor_sees_nothing(jember, member_of):
    member_of(jember, Role.OFFICER)
    assert not restrict(Membership, Actor.anonymous(), Perm.REGION_VIEW).exists()


@pytest.mark.django_db
def test_deactivated_membership_grants_nothing(jember, member_of):
    user = member_of(jember, Role.REGION_ADMIN)
    Membership.objects.with_scopes_disabled().filter(user=user).update(is_active=False)
    assert Actor.for_user(user).region_ids() == frozenset()


@pytest.mark.django_db
def test_partner_providers_extend_aggregate_regions_only(jember, sarolangun, member_of, monkeypatch):
    actor = Actor.for_user(member_of(sarolangun, Role.OFFICER))
    monkeypatch.setattr(
        "sahabat.accounts.scoping.PARTNER_ACCESS_PROVIDERS", [lambda a: frozenset({jember.pk})]
    )
    assert aggregate_region_ids(actor, Perm.REGION_VIEW) == {jember.pk, sarolangun.pk}
    assert actor.region_ids_with(Perm.REGION_VIEW) == {sarolangun.pk}


def test_the_cooperation_app_is_the_only_partner_access_provider():
    assert [provider.__module__ for provider in PARTNER_ACCESS_PROVIDERS] == ["sahabat.cooperation.selectors"]
