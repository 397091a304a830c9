"""The header's notification badge: how many unread notifications the person has."""

from sahabat.cooperation.selectors import unread_count


def notifications(request):
    actor = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": unread_count(actor=actor)}
