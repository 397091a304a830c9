"""`accounts.api.tenant_region`: the region an API request acts in, shared by every region's API."""

import pytest

from sahabat.accounts.api import tenant_region
from sahabat.accounts.permissions import Perm, Role
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from tests.accounts.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_without_a_code_it_is_the_callers_only_region(jember, member_of, actor_of):
    actor = actor_of(member_of(jember, Role.REGION_ADMIN))
    assert tenant_region(actor, None, Perm.REGISTRY_VIEW) == jember


def test_a_caller_of_several_regions_must_name_one(jember, sarolangun, jember_admin, actor_of):
    MembershipFactory(user=jember_admin, region=sarolangun, role=Role.REGION_ADMIN)
    with pytest.raises(DomainError) as raised:
        tenant_region(actor_of(jember_admin), None, Perm.REGISTRY_VIEW)
    assert (raised.value.errors[0].code, raised.value.status) == ("region.required", 400)


def test_an_unknown_code_is_not_found(jember_admin, actor_of):
    with pytest.raises(NotFound) as raised:
        tenant_region(actor_of(jember_admin), "99.99", Perm.REGISTRY_VIEW)
    assert raised.value.errors[0].code == "region.unknown"


def test_a_named_region_without_the_permission_is_refused(jember_admin, sarolangun, actor_of):
    with pytest.raises(PermissionDenied):
        tenant_region(actor_of(jember_admin), "15.03", Perm.REGISTRY_VIEW)


def test_without_the_check_the_named_region_is_returned_for_the_service_to_judge(
    jember_admin, sarolangun, actor_of
):
    assert tenant_region(actor_of(jember_admin), "15.03", Perm.PURCHASES_RECORD, check=False) == sarolangun
