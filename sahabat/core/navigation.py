"""The menus: each app registers its own entries in its AppConfig.ready().

The main menu holds the region's daily work; the account menu (the user's name, top right) holds the
region's administration and, for signed-in officers, the public portal, so that the main menu fits on
one line of a laptop screen.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

MAIN = "main"
ACCOUNT = "account"


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    # Decides, per request, whether the entry is shown (for instance: only to region admins).
    visible: Callable = field(default=lambda request: True)
    order: int = 100
    place: str = MAIN


MENU: list[MenuItem] = []


def register(item: MenuItem) -> None:
    if all((existing.url_name, existing.place) != (item.url_name, item.place) for existing in MENU):
        MENU.append(item)
        MENU.sort(key=lambda entry: entry.order)
