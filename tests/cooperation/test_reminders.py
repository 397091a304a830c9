"""The daily reminders: agreements ending within 90 and 30 days, overdue action items; once each,
to the admins and officers of the right regions; read on the notification page."""

from datetime import timedelta

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.cooperation import services
from sahabat.cooperation.models import ActionItem, Notification
from sahabat.cooperation.tasks import reminders_daily_task


@pytest.fixture
def people(jember, sarolangun, banyuwangi, member_of):
    return {
        "jember_admin": member_of(jember, Role.REGION_ADMIN),
        "jember_officer": member_of(jember, Role.OFFICER),
        "jember_viewer": member_of(jember, Role.VIEWER),
        "sarolangun_officer": member_of(sarolangun, Role.OFFICER),
        "banyuwangi_admin": member_of(banyuwangi, Role.REGION_ADMIN),
    }


@pytest.fixture
def ending_in_60_days(make_agreement, jember, sarolangun, today):
    return make_agreement(jember, sarolangun, valid_until=today + timedelta(days=60))


def recipients(kind=None) -> set[str]:
    notifications = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    return {notification.user.username for notification in notifications}


def test_an_agreement_ending_within_90_days_reminds_the_admins_and_officers_of_both_parties(
    people, ending_in_60_days
):
    services.reminders_send()
    expected = {people[name].username for name in ("jember_admin", "jember_officer", "sarolangun_officer")}
    assert recipients() == expected


def test_the_90_day_reminder_is_sent_once(people, ending_in_60_days, today):
    services.reminders_send(today=today)
    assert services.reminders_send(today=today + timedelta(days=1)) == 0
    assert Notification.objects.count() == 3


def test_the_30_day_reminder_follows_the_90_day_one(people, ending_in_60_days, today):
    services.reminders_send(today=today)
    created = services.reminders_send(today=today + timedelta(days=31))
    keys = set(Notification.objects.values_list("key", flat=True))
    assert created == 3
    assert keys == {
        f"agreement:{ending_in_60_days.pk}:expiring:90",
        f"agreement:{ending_in_60_days.pk}:expiring:30",
    }


def test_an_agreement_first_met_at_20_days_gets_only_the_30_day_reminder(
    people, make_agreement, jember, sarolangun, today
):
    agreement = make_agreement(jember, sarolangun, valid_until=today + timedelta(days=20))
    services.reminders_send(today=today)
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"agreement:{agreement.pk}:expiring:30"
    }


def test_an_agreement_ending_later_than_90_days_reminds_nobody(people, mou):
    assert services.reminders_send() == 0


def test_an_expired_agreement_reminds_nobody(people, expired_mou):
    assert services.reminders_send() == 0


def test_the_reminder_text_names_the_agreement_and_its_last_day(people, ending_in_60_days):
    services.reminders_send()
    notification = Notification.objects.first()
    assert ending_in_60_days.title in notification.text
    assert "60" in notification.text
    assert notification.link == f"/cooperation/{ending_in_60_days.pk}/"


@pytest.fixture
def overdue_item(system, mou, sarolangun, today):
    return services.action_item_create(
        actor=system,
        agreement_id=mou.pk,
        title="Replikasi belanja ASN",
        owner_region=sarolangun,
        due_date=today - timedelta(days=1),
        status=ActionItem.Status.IN_PROGRESS,
    )


def test_an_overdue_item_reminds_the_responsible_regions_admins_and_officers(people, overdue_item):
    services.reminders_send()
    assert recipients(Notification.Kind.ACTION_OVERDUE) == {people["sarolangun_officer"].username}


def test_an_overdue_item_is_reminded_once(people, overdue_item, today):
    services.reminders_send(today=today)
    services.reminders_send(today=today + timedelta(days=1))
    assert Notification.objects.filter(kind=Notification.Kind.ACTION_OVERDUE).count() == 1


def test_a_done_item_reminds_nobody(people, overdue_item, system):
    services.action_item_update(actor=system, action_item_id=overdue_item.pk, status=ActionItem.Status.DONE)
    assert services.reminders_send() == 0


def test_the_daily_task_sends_the_reminders(people, ending_in_60_days):
    reminders_daily_task.call_local()
    assert Notification.objects.count() == 3


def test_marking_read_leaves_no_unread_notification(people, ending_in_60_days):
    services.reminders_send()
    officer = Actor.for_user(people["jember_officer"])
    assert services.notifications_mark_read(actor=officer) == 1
    assert not Notification.objects.filter(user=people["jember_officer"], read_at__isnull=True).exists()


def test_the_header_badge_counts_unread_notifications(client, people, ending_in_60_days):
    services.reminders_send()
    client.force_login(people["jember_officer"])
    page = client.get("/").content.decode()
    assert 'class="notification-count"' in page and ">1<" in page


def test_the_notification_page_marks_them_read_and_the_badge_disappears(client, people, ending_in_60_days):
    services.reminders_send()
    client.force_login(people["jember_officer"])
    listing = client.get("/notifications/").content.decode()
    assert ending_in_60_days.title in listing
    assert 'class="notification-count"' not in client.get("/").content.decode()
