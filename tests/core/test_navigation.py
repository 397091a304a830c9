from django.test import RequestFactory

from sahabat.core import navigation
from sahabat.core.context_processors import navigation as navigation_context


def _menu_for(path, monkeypatch):
    monkeypatch.setattr(
        navigation,
        "MENU",
        [
            navigation.MenuItem("Register", "registry:enterprise_list"),
            navigation.MenuItem("Duplicates", "dedupe:group_list"),
        ],
    )
    monkeypatch.setattr("sahabat.core.context_processors.MENU", navigation.MENU)
    return navigation_context(RequestFactory().get(path))["menu"]


def test_only_the_most_specific_menu_entry_is_current(monkeypatch):
    menu = _menu_for("/register/duplicates/", monkeypatch)
    assert [entry["label"] for entry in menu if entry["active"]] == ["Duplicates"]


def test_a_page_below_an_entry_marks_that_entry_current(monkeypatch):
    menu = _menu_for("/register/1/", monkeypatch)
    assert [entry["label"] for entry in menu if entry["active"]] == ["Register"]


def _menus_for(items, monkeypatch):
    monkeypatch.setattr(navigation, "MENU", [])
    monkeypatch.setattr("sahabat.core.context_processors.MENU", navigation.MENU)
    for item in items:
        navigation.register(item)
    return navigation_context(RequestFactory().get("/"))


def test_an_account_entry_is_listed_in_the_account_menu_only(monkeypatch):
    menus = _menus_for(
        [
            navigation.MenuItem("Register", "registry:enterprise_list"),
            navigation.MenuItem("Members", "accounts:members", place=navigation.ACCOUNT),
        ],
        monkeypatch,
    )
    assert (
        [entry["label"] for entry in menus["menu"]],
        [entry["label"] for entry in menus["account_menu"]],
    ) == (
        ["Register"],
        ["Members"],
    )


def test_one_page_may_have_an_entry_in_each_menu(monkeypatch):
    menus = _menus_for(
        [
            navigation.MenuItem("Catalogue", "portal:catalogue"),
            navigation.MenuItem("Catalogue", "portal:catalogue"),
            navigation.MenuItem("Catalogue", "portal:catalogue", place=navigation.ACCOUNT),
        ],
        monkeypatch,
    )
    assert (len(menus["menu"]), len(menus["account_menu"])) == (1, 1)
