"""The pages run under the Content Security Policy in Chromium: nothing refused, htmx configured for it."""

import pytest

from sahabat.accounts.permissions import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Pages of every kind: base layout with htmx, forms, dashboards with SVG charts, Swagger UI.
CSP_PAGES = [
    "/",
    "/register/",
    "/register/new/",
    "/purchasing/",
    "/events/",
    "/indicators/",
    "/cooperation/",
    "/region/members/",
    "/catalogue/",
    "/admin/login/",
    "/api/docs",
]


def _refusals(page) -> list[str]:
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return refused


def test_the_pages_run_in_chromium_without_a_policy_violation(
    live_server, page, jember, member_of, browser_login
):
    refused = _refusals(page)
    browser_login(page, member_of(jember, Role.REGION_ADMIN).username)
    for path in CSP_PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert refused == []


def test_htmx_runs_without_its_inline_style_and_eval(live_server, page, jember, member_of, browser_login):
    refused = _refusals(page)
    browser_login(page, member_of(jember, Role.REGION_ADMIN).username)
    settings = page.evaluate("[htmx.config.includeIndicatorStyles, htmx.config.allowEval]")
    assert (settings, refused) == ([False, False], [])
