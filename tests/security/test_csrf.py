"""CSRF at runtime: every page route refuses a POST without the token, the API refuses a session
write without it, and a device token needs none.

The routes come from the permission matrix (tests/security/test_permission_matrix.py), which fails
when a route has no rule, so a new page is checked here without anyone remembering to add it.
CsrfViewMiddleware runs before the view, so a POST to any route meets the check; a view marked
`csrf_exempt` would answer something else and fail its case.
"""

import pytest
from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.registry.models import Enterprise
from tests.security.test_permission_matrix import API_RULES, PAGE_RULES, _url

pytestmark = pytest.mark.django_db

CSRF_REFUSED = "X-Test-Csrf-Refused"


def csrf_refused(request, reason=""):
    """The failure view for these tests: a 403 that says it came from the CSRF check."""
    response = HttpResponseForbidden(reason)
    response[CSRF_REFUSED] = reason or "yes"
    return response


@pytest.fixture
def strict(settings, django_user_model):
    """A superuser's browser that, like a real one, gets no CSRF pass from the test client."""
    settings.CSRF_FAILURE_VIEW = "tests.security.test_csrf.csrf_refused"
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.id", "x"))
    return client


def _admin_routes() -> list[str]:
    """Admin pages whose address has no parameter: the index, log-in and every list and add page."""
    admin = next(entry for entry in get_resolver().url_patterns if getattr(entry, "namespace", "") == "admin")
    names = []
    for entry in admin.url_patterns:
        patterns = entry.url_patterns if hasattr(entry, "url_patterns") else [entry]
        prefix = "" if entry in patterns else str(entry.pattern)
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and pattern.name and "<" not in prefix + str(pattern.pattern):
                names.append(f"admin:{pattern.name}")
    return sorted(set(names))


ADMIN_ROUTES = _admin_routes()


def test_the_walk_covers_every_page_route_and_the_admin():
    assert len(PAGE_RULES) > 150 and len(ADMIN_ROUTES) > 40


@pytest.mark.parametrize("name", sorted(PAGE_RULES))
def test_a_post_without_the_csrf_token_is_refused_on_every_page(name, strict, world):
    response = strict.post(_url(name, PAGE_RULES[name], world), PAGE_RULES[name].data)
    assert (response.status_code, CSRF_REFUSED in response) == (403, True)


@pytest.mark.parametrize("name", ADMIN_ROUTES)
def test_a_post_without_the_csrf_token_is_refused_on_every_admin_page(name, strict):
    response = strict.post(reverse(name), {})
    assert (response.status_code, CSRF_REFUSED in response) == (403, True)


def test_a_post_with_the_csrf_token_passes_the_check(strict, jember):
    strict.get(reverse("core:home"))
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        reverse("accounts:switch_region"), {"region": "35.09", "next": "/"}, headers={"X-CSRFToken": token}
    )
    assert (response.status_code, CSRF_REFUSED in response) == (302, False)


# The API: a browser session needs the token, a device token does not ---------------------------

API_WRITES = sorted(operation for operation in API_RULES if not operation.startswith("GET "))


def _api_call(client, operation: str, records):
    rule = API_RULES[operation]
    method, path = operation.split(" ", 1)
    path = path.format(**(rule.kwargs(records) if rule.kwargs else {}))
    return getattr(client, method.lower())(path, rule.data, content_type="application/json")


def test_the_api_has_writes_to_check():
    assert len(API_WRITES) >= 6


@pytest.mark.parametrize("operation", API_WRITES)
def test_a_session_api_write_without_the_csrf_token_is_refused(operation, strict, world):
    before = Enterprise.objects.with_scopes_disabled().count()
    response = _api_call(strict, operation, world)
    assert (response.status_code, response.json()["errors"][0]["code"]) == (403, "auth.csrf")
    assert Enterprise.objects.with_scopes_disabled().count() == before


def test_a_session_api_write_with_the_csrf_token_is_accepted(strict, jember):
    strict.get(reverse("core:home"))
    response = strict.post(
        "/api/registry/enterprises",
        {"region": "35.09", "name": "Kopi Rakyat"},
        content_type="application/json",
        headers={"X-CSRFToken": strict.cookies["csrftoken"].value},
    )
    assert response.status_code == 201


def test_a_device_token_writes_without_a_csrf_token(jember):
    issued = api_token_create(actor=Actor.system(), region=jember, name="Laptop Dinas", role=Role.OFFICER)
    response = Client(enforce_csrf_checks=True).post(
        "/api/registry/enterprises",
        {"region": "35.09", "name": "Kopi Rakyat"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {issued.raw_key}"},
    )
    assert response.status_code == 201
