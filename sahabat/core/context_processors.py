"""Template context shared by every page."""

from django.urls import reverse

from sahabat.core.navigation import MENU


def navigation(request):
    entries = [(item.label, reverse(item.url_name)) for item in MENU if item.visible(request)]
    # The most specific entry wins: /register/duplicates/ highlights "Duplicates", not also "UMKM register".
    matching = [
        url for _label, url in entries if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    current = max(matching, key=len, default=None)
    return {"menu": [{"label": label, "url": url, "active": url == current} for label, url in entries]}
