"""The main menu: each app registers its own entries in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    # Decides, per request, whether the entry is shown (for instance: only to region admins).
    visible: Callable = field(default=lambda request: True)
    order: int = 100


MENU: list[MenuItem] = []


def register(item: MenuItem) -> None:
    if all(existing.url_name != item.url_name for existing in MENU):
        MENU.append(item)
        MENU.sort(key=lambda entry: entry.order)
