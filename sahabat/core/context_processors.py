"""Template context shared by every page."""

from django.urls import reverse

from sahabat.core.navigation import MENU


def navigation(request):
    items = []
    for item in MENU:
        if not item.visible(request):
            continue
        url = reverse(item.url_name)
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "active": active})
    return {"menu": items}
