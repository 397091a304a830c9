"""Every page and every API operation, for every kind of caller, against a declared rule.

Routes are discovered from the URL resolver and the OpenAPI schema, so a new route without a
rule fails `test_every_route_has_a_rule` until someone decides who may use it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sahabat.accounts.models import ApiToken, Membership
from sahabat.accounts.permissions import Perm, Role, permissions_of
from sahabat.api import api

CALLERS = ["anonymous", "superuser", *[f"jember:{role}" for role in Role.values], "sarolangun:region_admin"]

# Allow: anyone; LOGGED_IN: any authenticated user; a Perm name: holders of it in the object's region.
ANYONE = "anyone"
LOGGED_IN = "logged_in"
SUPERUSER = "superuser"


@dataclass
class Rule:
    access: str
    method: str = "get"
    # Builds the URL kwargs from the world fixture; routes without parameters need none.
    kwargs: Callable[[World], dict] | None = None
    data: dict = field(default_factory=dict)
    # True when the URL names a Jember record: a caller from another region must be refused.
    jember_object: bool = False


@dataclass
class World:
    viewer_membership: Membership
    token: ApiToken


PAGE_RULES: dict[str, Rule] = {
    "core:home": Rule(ANYONE),
    "core:healthz": Rule(ANYONE),
    "set_language": Rule(ANYONE, method="post", data={"language": "id"}),
    "admin:*": Rule(SUPERUSER),
    "accounts:login": Rule(ANYONE),
    "accounts:logout": Rule(ANYONE, method="post"),
    "accounts:password_change": Rule(LOGGED_IN),
    "accounts:password_change_done": Rule(LOGGED_IN),
    "accounts:password_reset": Rule(ANYONE),
    "accounts:password_reset_done": Rule(ANYONE),
    "accounts:password_reset_confirm": Rule(ANYONE, kwargs=lambda w: {"uidb64": "MQ", "token": "x-y"}),
    "accounts:password_reset_complete": Rule(ANYONE),
    "accounts:switch_region": Rule(LOGGED_IN, method="post", data={"region": "35.09", "next": "/"}),
    "accounts:members": Rule(Perm.MEMBERS_MANAGE),
    "accounts:member_role": Rule(
        Perm.MEMBERS_MANAGE, method="post", kwargs=lambda w: {"membership_id": w.viewer_membership.pk},
        data={"role": Role.VIEWER}, jember_object=True,
    ),
    "accounts:member_deactivate": Rule(
        Perm.MEMBERS_MANAGE, method="post", kwargs=lambda w: {"membership_id": w.viewer_membership.pk},
        jember_object=True,
    ),
    "accounts:tokens": Rule(Perm.TOKENS_MANAGE),
    "accounts:token_revoke": Rule(
        Perm.TOKENS_MANAGE, method="post", kwargs=lambda w: {"token_id": w.token.pk}, jember_object=True
    ),
    "accounts:audit": Rule(Perm.AUDIT_VIEW),
    "accounts:access_log": Rule(Perm.AUDIT_VIEW),
}

API_RULES: dict[str, Rule] = {
    "GET /api/accounts/me": Rule(LOGGED_IN),
}


def _page_routes(patterns=None, namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                names.add("admin:*")
                continue
            if entry.namespace == "api":
                continue
            inner = entry.namespace or namespace
            names |= _page_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def _api_operations() -> set[str]:
    schema = api.get_openapi_schema(path_prefix="/api")
    return {f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item}


def test_every_route_has_a_rule():
    assert _page_routes() - PAGE_RULES.keys() == set()
    assert _api_operations() - API_RULES.keys() == set()


def test_no_rule_is_left_for_a_route_that_is_gone():
    assert PAGE_RULES.keys() - _page_routes() == set()
    assert API_RULES.keys() - _api_operations() == set()


def _expected(rule: Rule, caller: str) -> bool:
    if rule.access == ANYONE:
        return True
    if caller == "anonymous":
        return False
    if caller == "superuser":
        return True
    if rule.access == SUPERUSER:
        return False
    if rule.access == LOGGED_IN:
        return True
    region, role = caller.split(":")
    if rule.jember_object and region != "jember":
        return False
    return rule.access in permissions_of(role)


def _allowed(response, *, api_call: bool) -> bool:
    assert response.status_code < 500, f"server error {response.status_code}"
    assert response.status_code != 405, "the rule names the wrong method"
    if response.status_code in (401, 403, 404):
        return False
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302) and ("/login/" in location):
        return False
    return True


@pytest.fixture
def world(jember, jember_admin, member_of):
    from sahabat.accounts.actor import Actor
    from sahabat.accounts.services import api_token_create

    viewer = member_of(jember, Role.VIEWER)
    issued = api_token_create(actor=Actor.for_user(jember_admin), region=jember, name="Kasir")
    return World(
        viewer_membership=Membership.objects.with_scopes_disabled().get(user=viewer),
        token=issued.token,
    )


@pytest.fixture
def login_as(client, jember, sarolangun, member_of, django_user_model):
    def login(caller: str):
        if caller == "anonymous":
            return client
        if caller == "superuser":
            client.force_login(django_user_model.objects.create_superuser("root", "root@example.id", "x"))
            return client
        region_name, role = caller.split(":")
        client.force_login(member_of({"jember": jember, "sarolangun": sarolangun}[region_name], role))
        return client

    return login


def _url(name: str, rule: Rule, world: World) -> str:
    if name == "admin:*":
        return reverse("admin:index")
    return reverse(name, kwargs=rule.kwargs(world) if rule.kwargs else None)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name", sorted(PAGE_RULES))
def test_page_access_follows_its_rule(name, caller, world, login_as):
    rule = PAGE_RULES[name]
    client = login_as(caller)
    response = getattr(client, rule.method)(_url(name, rule, world), rule.data)
    assert _allowed(response, api_call=False) == _expected(rule, caller)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("operation", sorted(API_RULES))
def test_api_access_follows_its_rule(operation, caller, world, login_as):
    rule = API_RULES[operation]
    method, path = operation.split(" ", 1)
    path = path.format(**(rule.kwargs(world) if rule.kwargs else {}))
    client = login_as(caller)
    response = getattr(client, method.lower())(path, rule.data or None, content_type="application/json")
    assert _allowed(response, api_call=True) == _expected(rule, caller)
