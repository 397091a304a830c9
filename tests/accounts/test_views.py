import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import AccessLog, ApiToken, Membership
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import access_log_record


@pytest.mark.django_db
def test_login_with_email_address(client, jember_admin):
    response = client.post(
        reverse("accounts:login"), {"username": jember_admin.email, "password": "rahasia-123"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == jember_admin


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client, jember_admin, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": jember_admin.username, "password": "salah"})
    response = client.post(
        reverse("accounts:login"), {"username": jember_admin.username, "password": "rahasia-123"}
    )
    assert response.status_code == 429
    assert "Terlalu banyak" in response.content.decode()


@pytest.mark.django_db
def test_members_page_lists_only_the_active_region(client, jember, sarolangun, jember_admin, member_of):
    jember_viewer = member_of(jember, Role.VIEWER)
    sarolangun_viewer = member_of(sarolangun, Role.VIEWER)
    client.force_login(jember_admin)
    page = client.get(reverse("accounts:members")).content.decode()
    assert jember_viewer.email in page
    assert sarolangun_viewer.email not in page


@pytest.mark.django_db
def test_members_page_searches_by_name(client, jember, jember_admin, member_of):
    wanted, other = member_of(jember, Role.VIEWER), member_of(jember, Role.VIEWER)
    client.force_login(jember_admin)
    page = client.get(reverse("accounts:members"), {"q": wanted.email}).content.decode()
    assert wanted.email in page
    assert other.email not in page


@pytest.mark.django_db
def test_invite_form_shows_the_refusal_beside_the_form(client, jember, jember_admin, member_of):
    existing = member_of(jember, Role.OFFICER)
    client.force_login(jember_admin)
    response = client.post(
        reverse("accounts:members"), {"email": existing.email, "full_name": "X", "role": Role.OFFICER}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


@pytest.mark.django_db
def test_switching_to_a_region_without_membership_is_refused(client, jember, sarolangun, jember_admin):
    client.force_login(jember_admin)
    client.post(reverse("accounts:switch_region"), {"region": sarolangun.code, "next": "/"})
    assert client.get("/").context["region_context"]["current"] == jember


@pytest.mark.django_db
def test_user_with_two_regions_switches_between_them(client, jember, sarolangun, member_of):
    from tests.accounts.factories import MembershipFactory

    user = member_of(jember, Role.REGION_ADMIN)
    MembershipFactory(user=user, region=sarolangun, role=Role.REGION_ADMIN)
    client.force_login(user)
    client.post(reverse("accounts:switch_region"), {"region": sarolangun.code, "next": "/"})
    assert client.get("/").context["region_context"]["current"] == sarolangun


@pytest.mark.django_db
def test_new_token_is_shown_once(client, jember, jember_admin):
    client.force_login(jember_admin)
    response = client.post(reverse("accounts:tokens"), {"name": "Kasir A-001", "role": Role.BOOTH_CASHIER})
    raw_key = response.context["issued"].raw_key
    assert raw_key in response.content.decode()
    assert raw_key not in client.get(reverse("accounts:tokens")).content.decode()


@pytest.mark.django_db
def test_revoke_token_from_the_page(client, jember, jember_admin):
    client.force_login(jember_admin)
    client.post(reverse("accounts:tokens"), {"name": "Kasir", "role": Role.BOOTH_CASHIER})
    token = ApiToken.objects.with_scopes_disabled().get()
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.is_revoked


@pytest.mark.django_db
def test_role_change_is_in_the_audit_trail_with_who_did_it(client, jember, jember_admin, member_of):
    viewer = member_of(jember, Role.VIEWER)
    membership = Membership.objects.with_scopes_disabled().get(user=viewer)
    client.force_login(jember_admin)
    client.post(reverse("accounts:member_role", args=[membership.pk]), {"role": Role.OFFICER})
    entry = LogEntry.objects.get_for_object(membership).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == jember_admin
    assert entry.changes_dict["role"] == [Role.VIEWER, Role.OFFICER]


@pytest.mark.django_db
def test_audit_page_hides_other_regions_entries(client, jember, sarolangun, jember_admin, member_of):
    member_of(sarolangun, Role.VIEWER)
    client.force_login(jember_admin)
    entries = client.get(reverse("accounts:audit")).context["page_obj"].object_list
    assert {entry.additional_data["region_id"] for entry in entries} == {jember.pk}


@pytest.mark.django_db
def test_audit_page_filters_by_action(client, jember, jember_admin, member_of):
    viewer = member_of(jember, Role.VIEWER)
    membership = Membership.objects.with_scopes_disabled().get(user=viewer)
    client.force_login(jember_admin)
    client.post(reverse("accounts:member_deactivate", args=[membership.pk]))
    entries = (
        client.get(reverse("accounts:audit"), {"action": LogEntry.Action.UPDATE})
        .context["page_obj"]
        .object_list
    )
    assert [entry.action for entry in entries] == [LogEntry.Action.UPDATE]


@pytest.mark.django_db
def test_access_log_page_lists_sensitive_reads(client, jember, jember_admin):
    access_log_record(
        actor=Actor.for_user(jember_admin),
        region_id=jember.pk,
        action=AccessLog.Action.REVEAL,
        object_type="owner",
        object_id="7",
    )
    client.force_login(jember_admin)
    page = client.get(reverse("accounts:access_log"))
    assert [entry.object_id for entry in page.context["page_obj"].object_list] == ["7"]
