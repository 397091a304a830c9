from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sahabat.accounts import services
from sahabat.accounts.actor import Actor
from sahabat.accounts.models import ApiToken, Membership, User
from sahabat.accounts.permissions import Role
from sahabat.core.errors import DomainError, NotFound, PermissionDenied


def _invite(actor, region, email="baru@example.id", role=Role.OFFICER):
    return services.user_invite(
        actor=actor,
        region=region,
        email=email,
        full_name="Budi Santoso",
        role=role,
        invite_url_base="http://testserver/",
    )


@pytest.mark.django_db
def test_invite_creates_member_and_sends_a_password_link(jember, jember_admin):
    membership = _invite(Actor.for_user(jember_admin), jember)
    assert (membership.user.email, membership.role, membership.region) == (
        "baru@example.id",
        Role.OFFICER,
        jember,
    )
    assert not membership.user.has_usable_password()
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_invite_of_an_existing_person_adds_a_membership_without_email(jember, sarolangun, member_of):
    existing = member_of(sarolangun, Role.OFFICER)
    admin = member_of(jember, Role.REGION_ADMIN)
    membership = _invite(Actor.for_user(admin), jember, email=existing.email.upper())
    assert membership.user == existing
    assert mail.outbox == []


@pytest.mark.django_db
def test_invite_in_a_region_the_admin_does_not_manage_is_refused(jember, sarolangun, jember_admin):
    with pytest.raises(PermissionDenied):
        _invite(Actor.for_user(jember_admin), sarolangun)
    assert not User.objects.filter(email="baru@example.id").exists()


@pytest.mark.django_db
def test_officer_cannot_invite(jember, member_of):
    officer = member_of(jember, Role.OFFICER)
    with pytest.raises(PermissionDenied):
        _invite(Actor.for_user(officer), jember)


@pytest.mark.django_db
def test_membership_in_a_district_is_refused(jember, member_of):
    from sahabat.regions.models import Region

    superuser = User.objects.create_superuser("root", "root@example.id", "x")
    district = Region.objects.filter(parent=jember).first()
    with pytest.raises(DomainError) as error:
        _invite(Actor.for_user(superuser), district)
    assert error.value.errors[0].code == "region.not_tenant"


@pytest.mark.django_db
def test_the_same_role_twice_is_a_conflict(jember, jember_admin):
    actor = Actor.for_user(jember_admin)
    _invite(actor, jember)
    with pytest.raises(DomainError) as error:
        _invite(actor, jember)
    assert error.value.status == 409


@pytest.mark.django_db
def test_change_role(jember, jember_admin, member_of):
    viewer = member_of(jember, Role.VIEWER)
    membership = Membership.objects.with_scopes_disabled().get(user=viewer)
    services.membership_change_role(
        actor=Actor.for_user(jember_admin), membership_id=membership.pk, role=Role.OFFICER
    )
    membership.refresh_from_db()
    assert membership.role == Role.OFFICER


@pytest.mark.django_db
def test_admin_of_another_region_cannot_change_a_role(jember, sarolangun, member_of):
    viewer = member_of(jember, Role.VIEWER)
    other_admin = member_of(sarolangun, Role.REGION_ADMIN)
    membership = Membership.objects.with_scopes_disabled().get(user=viewer)
    with pytest.raises(NotFound):
        services.membership_change_role(
            actor=Actor.for_user(other_admin), membership_id=membership.pk, role=Role.REGION_ADMIN
        )
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


@pytest.mark.django_db
def test_deactivate_ends_the_access(jember, jember_admin, member_of):
    officer = member_of(jember, Role.OFFICER)
    membership = Membership.objects.with_scopes_disabled().get(user=officer)
    services.membership_deactivate(actor=Actor.for_user(jember_admin), membership_id=membership.pk)
    assert Actor.for_user(officer).region_ids() == frozenset()


@pytest.mark.django_db
def test_admin_cannot_deactivate_itself(jember, jember_admin):
    membership = Membership.objects.with_scopes_disabled().get(user=jember_admin)
    with pytest.raises(DomainError):
        services.membership_deactivate(actor=Actor.for_user(jember_admin), membership_id=membership.pk)


@pytest.mark.django_db
def test_token_is_stored_only_as_a_digest(jember, jember_admin):
    issued = services.api_token_create(actor=Actor.for_user(jember_admin), region=jember, name="Kasir A-001")
    stored = ApiToken.objects.with_scopes_disabled().get(pk=issued.token.pk)
    assert issued.raw_key not in (stored.key_digest, stored.key_prefix)
    assert stored.key_digest == ApiToken.digest(issued.raw_key)


@pytest.mark.django_db
def test_token_authenticates_and_records_its_use(jember, jember_admin):
    issued = services.api_token_create(actor=Actor.for_user(jember_admin), region=jember, name="Kasir")
    token = services.api_token_authenticate(raw_key=issued.raw_key)
    assert token.pk == issued.token.pk
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_revoked_token_is_refused_with_its_reason(jember, jember_admin):
    actor = Actor.for_user(jember_admin)
    issued = services.api_token_create(actor=actor, region=jember, name="Kasir")
    services.api_token_revoke(actor=actor, token_id=issued.token.pk)
    with pytest.raises(PermissionDenied) as error:
        services.api_token_authenticate(raw_key=issued.raw_key)
    assert (error.value.status, error.value.errors[0].code) == (401, "token.revoked")


@pytest.mark.django_db
def test_expired_token_is_refused(jember, jember_admin):
    issued = services.api_token_create(
        actor=Actor.for_user(jember_admin), region=jember, name="Kasir", valid_days=1
    )
    ApiToken.objects.with_scopes_disabled().filter(pk=issued.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(PermissionDenied) as error:
        services.api_token_authenticate(raw_key=issued.raw_key)
    assert error.value.errors[0].code == "token.expired"


@pytest.mark.django_db
def test_officer_cannot_issue_an_officer_token(jember, member_of):
    officer = member_of(jember, Role.OFFICER)
    with pytest.raises(PermissionDenied):
        services.api_token_create(actor=Actor.for_user(officer), region=jember, name="x", role=Role.OFFICER)
    assert not ApiToken.objects.with_scopes_disabled().exists()


@pytest.mark.django_db
def test_token_for_another_region_is_refused(jember, sarolangun, jember_admin):
    with pytest.raises(PermissionDenied):
        services.api_token_create(actor=Actor.for_user(jember_admin), region=sarolangun, name="x")
