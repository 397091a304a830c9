"""Template context shared by every page."""

from django.urls import reverse

from sahabat.core.navigation import ACCOUNT, MAIN, MENU


def navigation(request):
    shown = [item for item in MENU if item.visible(request)]
    entries = [(item.label, reverse(item.url_name), item.place) for item in shown]
    # The most specific entry wins: /register/duplicates/ highlights "Duplicates", not also "UMKM register".
    matching = [
        url
        for _label, url, _place in entries
        if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    current = max(matching, key=len, default=None)

    def menu(place: str) -> list[dict]:
        return [
            {"label": label, "url": url, "active": url == current}
            for label, url, item_place in entries
            if item_place == place
        ]

    return {"menu": menu(MAIN), "account_menu": menu(ACCOUNT)}
