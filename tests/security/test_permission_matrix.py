"""Every page and every API operation, for every kind of caller, against a declared rule.

Routes are discovered from the URL resolver and the OpenAPI schema, so a new route without a
rule fails `test_every_route_has_a_rule` until someone decides who may use it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sahabat.accounts.models import ApiToken, Membership
from sahabat.accounts.permissions import Perm, Role, permissions_of
from sahabat.api import api
from sahabat.events.models import Event, Participation
from sahabat.registry.models import Enterprise, ImportJob, Licence, Product

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
    enterprise: Enterprise
    product: Product
    # An enterprise with an owner and a licence, for the owner and licence pages.
    owned_enterprise: Enterprise
    licence: Licence
    event: Event
    # The enterprise invited to the event, and a device token bound to the event.
    participation: Participation
    device: ApiToken
    import_job: ImportJob


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
    "registry:enterprise_list": Rule(Perm.REGISTRY_VIEW),
    "registry:enterprise_export": Rule(Perm.REGISTRY_VIEW, data={"format": "csv"}),
    "registry:enterprise_create": Rule(Perm.REGISTRY_EDIT),
    "registry:village_options": Rule(LOGGED_IN),
    "registry:enterprise_detail": Rule(
        Perm.REGISTRY_VIEW, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "registry:enterprise_edit": Rule(
        Perm.REGISTRY_EDIT, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "registry:licence_add": Rule(
        Perm.REGISTRY_EDIT, method="post", kwargs=lambda w: {"enterprise_id": w.enterprise.pk},
        data={"type": "halal", "number": "ID35110000123450123"}, jember_object=True,
    ),
    "registry:licence_remove": Rule(
        Perm.REGISTRY_EDIT, method="post", kwargs=lambda w: {"licence_id": w.licence.pk}, jember_object=True
    ),
    "registry:owner_reveal_nik": Rule(
        Perm.PERSONAL_REVEAL, method="post", kwargs=lambda w: {"owner_id": w.owned_enterprise.owner_id},
        jember_object=True,
    ),
    "registry:owner_grant_access": Rule(
        Perm.MEMBERS_MANAGE, method="post", kwargs=lambda w: {"enterprise_id": w.owned_enterprise.pk},
        data={"email": "pemilik@example.id"}, jember_object=True,
    ),
    "registry:product_create": Rule(
        Perm.REGISTRY_EDIT, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "registry:product_edit": Rule(
        Perm.REGISTRY_EDIT, kwargs=lambda w: {"product_id": w.product.pk}, jember_object=True
    ),
    "registry:product_delete": Rule(
        Perm.REGISTRY_EDIT, method="post", kwargs=lambda w: {"product_id": w.product.pk}, jember_object=True
    ),
    # Owners reach their own enterprises here; their detail and edit access is tested in tests/registry.
    "registry:my_enterprises": Rule(Perm.REGISTRY_EDIT_OWN),
    "registry:import_list": Rule(Perm.REGISTRY_IMPORT),
    "registry:import_upload": Rule(Perm.REGISTRY_IMPORT),
    "registry:import_template": Rule(Perm.REGISTRY_IMPORT),
    **{
        f"registry:import_{name}": Rule(
            Perm.REGISTRY_IMPORT, method=method, kwargs=lambda w: {"job_id": w.import_job.pk},
            data={"mode": "valid_only"} if name == "apply" else {}, jember_object=True,
        )
        for name, method in (
            ("detail", "get"), ("mapping", "get"), ("progress", "get"), ("rejected", "get"),
            ("apply", "post"), ("cancel", "post"),
        )
    },
    "events:cashier": Rule(Perm.SALES_RECORD, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True),
    "events:cashier_booth_total": Rule(
        Perm.SALES_RECORD, kwargs=lambda w: {"event_id": w.event.pk}, data={"booth": "A-001"}, jember_object=True
    ),
    # The offline worker script holds no data: URLs of the page and its static files only.
    "events:cashier_service_worker": Rule(ANYONE, kwargs=lambda w: {"event_id": w.event.pk}),
    "events:event_list": Rule(Perm.EVENTS_VIEW),
    "events:event_create": Rule(Perm.EVENTS_MANAGE),
    "events:event_detail": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:event_edit": Rule(
        Perm.EVENTS_MANAGE, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:zone_create": Rule(
        Perm.EVENTS_MANAGE, method="post", kwargs=lambda w: {"event_id": w.event.pk},
        data={"code": "B", "name": "Zona Kriya"}, jember_object=True,
    ),
    "events:booth_list": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:booth_create": Rule(
        Perm.EVENTS_MANAGE, method="post", kwargs=lambda w: {"event_id": w.event.pk},
        data={"codes": "B-001"}, jember_object=True,
    ),
    "events:booth_qr_sheet": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:participant_list": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:participant_invite": Rule(
        Perm.EVENTS_MANAGE, method="post", kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:participant_decide": Rule(
        Perm.EVENTS_MANAGE, method="post",
        kwargs=lambda w: {"event_id": w.event.pk, "participation_id": w.participation.pk},
        data={"status": "rejected"}, jember_object=True,
    ),
    "events:device_list": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:device_create": Rule(
        Perm.EVENTS_MANAGE, method="post", kwargs=lambda w: {"event_id": w.event.pk},
        data={"name": "HP kasir B-001"}, jember_object=True,
    ),
    "events:device_revoke": Rule(
        Perm.EVENTS_MANAGE, method="post", kwargs=lambda w: {"event_id": w.event.pk, "token_id": w.device.pk},
        jember_object=True,
    ),
    "events:dashboard": Rule(Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True),
    "events:dashboard_panel": Rule(Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True),
    # The big-screen board shows aggregates of a published event (World's event is published) to anyone.
    "events:board": Rule(ANYONE, kwargs=lambda w: {"event_id": w.event.pk}),
    "events:board_panel": Rule(ANYONE, kwargs=lambda w: {"event_id": w.event.pk}),
}

_SALE = {"client_uuid": "0b9c3b8e-6d3f-4c1e-9a51-2f4f1d7e8a10", "booth": "A-001", "amount": 25000,
         "occurred_at": "2023-08-05T19:30:00+07:00"}
_COUNT = {"client_uuid": "5d1c0e7a-2b1f-4a8e-8f0e-0c9d6f3b2a11", "gate": "Utara",
          "period_start": "2023-08-05T19:00:00+07:00", "period_end": "2023-08-05T19:15:00+07:00", "count": 10}

API_RULES: dict[str, Rule] = {
    "POST /api/events/{event_id}/sales": Rule(
        Perm.SALES_RECORD, method="post", kwargs=lambda w: {"event_id": w.event.pk}, data={"items": [_SALE]},
        jember_object=True,
    ),
    "POST /api/events/{event_id}/visitors": Rule(
        Perm.VISITORS_RECORD, method="post", kwargs=lambda w: {"event_id": w.event.pk}, data={"items": [_COUNT]},
        jember_object=True,
    ),
    "GET /api/events/{event_id}/progress": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "GET /api/accounts/me": Rule(LOGGED_IN),
    "GET /api/events": Rule(Perm.EVENTS_VIEW),
    # The booth list is what a cashier device chooses from, so recording sales is the right to read it.
    "GET /api/events/{event_id}/booths": Rule(
        Perm.SALES_RECORD, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "GET /api/registry/enterprises": Rule(Perm.REGISTRY_VIEW),
    "POST /api/registry/enterprises": Rule(
        Perm.REGISTRY_EDIT, method="post", data={"region": "35.09", "name": "Kopi Rakyat"}, jember_object=True
    ),
    "GET /api/registry/enterprises/{enterprise_id}": Rule(
        Perm.REGISTRY_VIEW, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "PATCH /api/registry/enterprises/{enterprise_id}": Rule(
        Perm.REGISTRY_EDIT, method="patch", kwargs=lambda w: {"enterprise_id": w.enterprise.pk},
        data={"brand": "Kopi Panti"}, jember_object=True,
    ),
    "GET /api/registry/enterprises/{enterprise_id}/products": Rule(
        Perm.REGISTRY_VIEW, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "POST /api/registry/enterprises/{enterprise_id}/products": Rule(
        Perm.REGISTRY_EDIT, method="post", kwargs=lambda w: {"enterprise_id": w.enterprise.pk},
        data={"name": "Kopi bubuk 250 g", "price": 35000}, jember_object=True,
    ),
    "PATCH /api/registry/products/{product_id}": Rule(
        Perm.REGISTRY_EDIT, method="patch", kwargs=lambda w: {"product_id": w.product.pk},
        data={"price": 40000}, jember_object=True,
    ),
    "DELETE /api/registry/products/{product_id}": Rule(
        Perm.REGISTRY_EDIT, method="delete", kwargs=lambda w: {"product_id": w.product.pk}, jember_object=True
    ),
    "POST /api/registry/imports/": Rule(Perm.REGISTRY_IMPORT, method="post"),
    "GET /api/registry/imports/{job_id}": Rule(
        Perm.REGISTRY_IMPORT, kwargs=lambda w: {"job_id": w.import_job.pk}, jember_object=True
    ),
    "GET /api/registry/imports/{job_id}/rows": Rule(
        Perm.REGISTRY_IMPORT, kwargs=lambda w: {"job_id": w.import_job.pk}, jember_object=True
    ),
    "POST /api/registry/imports/{job_id}/apply": Rule(
        Perm.REGISTRY_IMPORT, method="post", kwargs=lambda w: {"job_id": w.import_job.pk},
        data={"mode": "valid_only"}, jember_object=True,
    ),
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
    from sahabat.events.services.setup import event_create, event_device_token_create, participation_invite
    from sahabat.registry.services import OwnerData, enterprise_create, licence_add, product_create

    viewer = member_of(jember, Role.VIEWER)
    admin = Actor.for_user(jember_admin)
    issued = api_token_create(actor=admin, region=jember, name="Kasir")
    enterprise = enterprise_create(actor=admin, region=jember, name="Kopi Tani Makmur")
    owned = enterprise_create(
        actor=admin, region=jember, name="Prol Tape Bu Sri", owner=OwnerData(name="Sri", nik="3509015708900012")
    )
    event = event_create(
        actor=admin, region=jember, name="Jember Fashion Carnaval", main_start=date(2023, 8, 4),
        main_end=date(2023, 8, 6), window_start=date(2023, 7, 28), window_end=date(2023, 8, 13), status="published",
    )
    participation = participation_invite(actor=admin, event_id=event.pk, enterprise_id=enterprise.pk)
    device = event_device_token_create(actor=admin, event_id=event.pk, name="HP kasir A-001").token
    return World(
        event=event,
        participation=participation,
        device=device,
        viewer_membership=Membership.objects.with_scopes_disabled().get(user=viewer),
        token=issued.token,
        enterprise=enterprise,
        product=product_create(actor=admin, enterprise_id=enterprise.pk, name="Kopi robusta", price=90000),
        owned_enterprise=owned,
        licence=licence_add(actor=admin, enterprise_id=owned.pk, type="nib", number="9120001234567"),
        import_job=ImportJob.unscoped.create(region=jember, original_name="umkm.xlsx", status="previewed"),
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
