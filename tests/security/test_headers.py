"""Hardening: headers with a CSP nonce, cookies, CSRF on every form, rate limits, uploads, secrets."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import sahabat.settings as project_settings
from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]+)'")


def _policy(response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, sources in directives}


@pytest.fixture
def home(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    return client.get("/")


# Headers ------------------------------------------------------------------------------------


def test_the_policy_allows_only_the_sites_own_files(home):
    policy = _policy(home)
    assert policy["default-src"] == "'self'"
    assert (policy["img-src"], policy["object-src"], policy["base-uri"]) == (
        "'self' data:",
        "'none'",
        "'self'",
    )


def test_the_policy_forbids_framing_and_foreign_form_targets(home):
    assert (_policy(home)["frame-ancestors"], _policy(home)["form-action"]) == ("'none'", "'self'")


def test_the_policy_never_allows_inline_code_or_eval(home):
    header = home["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_scripts_and_styles_carry_the_nonce_of_the_response(home):
    script_nonce = NONCE.search(_policy(home)["script-src"]).group(1)
    assert NONCE.search(_policy(home)["style-src"]).group(1) == script_nonce
    assert f'nonce="{script_nonce}"' in home.content.decode()


def test_every_response_gets_a_fresh_nonce(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_the_page_tells_htmx_to_inject_no_inline_style(home):
    assert '"includeIndicatorStyles": false' in home.content.decode()


def test_no_template_uses_inline_handlers_or_style_attributes():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "sahabat").rglob("templates/**/*.html")
        if path.name != "report_pdf.html"  # rendered to PDF by WeasyPrint, never sent to a browser
        and re.search(r"\s(on[a-z]+|style)\s*=", path.read_text())
    ]
    assert offenders == []


def test_no_template_has_an_inline_script_or_style_without_the_nonce():
    tag = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "sahabat").rglob("templates/**/*.html")
        if path.name != "report_pdf.html"
        for match in tag.finditer(path.read_text())
        if "src=" not in match.group(2) and "csp_nonce" not in match.group(2)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_a_page_sends_the_browser_hardening_header(home, header, value):
    assert home[header] == value


def test_a_page_turns_off_the_browser_features_it_does_not_use(home):
    features = dict(item.strip().split("=") for item in home["Permissions-Policy"].split(","))
    assert features["camera"] == features["geolocation"] == features["microphone"] == "()"


def test_without_tls_there_is_no_hsts(home):
    assert "Strict-Transport-Security" not in home


def test_the_api_docs_load_nothing_from_another_site(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    docs = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in docs
    assert not re.search(r"(src|href)=\"https?://", docs)


# Settings behind TLS, read in a fresh process ----------------------------------------------


def _settings_in_process(**environment) -> subprocess.CompletedProcess:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, "
        "settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_NAME, settings.SECURE_PROXY_SSL_HEADER]))"
    )
    keep = {
        name: value
        for name, value in os.environ.items()
        if name in ("PATH", "HOME", "VAR_DIR", "DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**keep, "DJANGO_SETTINGS_MODULE": "sahabat.settings", **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_behind_tls_hsts_and_secure_cookies_are_on():
    result = _settings_in_process(HTTPS="true", SECRET_KEY="k" * 50, FIELD_ENCRYPTION_KEY="f" * 44)
    assert result.stdout.strip() == (
        '[31536000, true, true, "__Host-sessionid", ["HTTP_X_FORWARDED_PROTO", "https"]]'
    )


def test_behind_tls_a_missing_secret_stops_the_start():
    result = _settings_in_process(HTTPS="true", SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY must be set in the environment" in result.stderr


# Behind TLS, request by request ------------------------------------------------------------
# The settings HTTPS=true turns on (checked in a fresh process above), applied to this test's client.


@pytest.fixture
def behind_tls(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    return settings


TLS = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def tls_login(client, jember, member_of, behind_tls):
    """A login through the proxy that ended TLS: the response that sets the cookies."""
    user = member_of(jember, Role.OFFICER)
    user.set_password("rahasia-123")
    user.save()
    client.get(reverse("accounts:login"), headers=TLS)
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": "rahasia-123"}, headers=TLS
    )


def test_a_request_the_proxy_received_over_tls_gets_hsts(client, behind_tls):
    response = client.get("/healthz", headers=TLS)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_a_plain_http_request_gets_no_hsts_even_with_tls_settings(client, behind_tls):
    assert "Strict-Transport-Security" not in client.get("/healthz")


def test_a_plain_http_request_is_not_taken_for_tls_from_another_header(client, behind_tls):
    response = client.get("/healthz", headers={"X-Forwarded-Protocol": "https", "X-Forwarded-Ssl": "on"})
    assert "Strict-Transport-Security" not in response


def test_a_login_behind_tls_logs_in(tls_login):
    assert (tls_login.status_code, tls_login["Location"]) == (302, reverse("core:home"))


def test_behind_tls_the_session_cookie_is_secure(tls_login):
    assert tls_login.cookies["__Host-sessionid"]["secure"] is True


def test_behind_tls_the_session_cookie_is_http_only(tls_login):
    assert tls_login.cookies["__Host-sessionid"]["httponly"] is True


def test_behind_tls_the_session_cookie_is_for_the_whole_host(tls_login):
    cookie = tls_login.cookies["__Host-sessionid"]
    assert (cookie["path"], cookie["domain"]) == ("/", "")


def test_behind_tls_the_csrf_cookie_set_on_login_is_secure(tls_login):
    assert tls_login.cookies["csrftoken"]["secure"] is True


def test_behind_tls_the_csrf_cookie_stays_same_site(tls_login):
    assert tls_login.cookies["csrftoken"]["samesite"] == "Lax"


def test_the_session_cookie_is_http_only_and_same_site(client, jember, member_of):
    user = member_of(jember, Role.OFFICER)
    user.set_password("rahasia-123")
    user.save()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": "rahasia-123"})
    cookie = response.cookies["sessionid"]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")


# CSRF ---------------------------------------------------------------------------------------


# method="post", method='post' or method=post (HTML allows the value unquoted).
POST_METHOD = re.compile(r"""\bmethod\s*=\s*["']?post\b""", re.IGNORECASE)


def test_the_post_form_pattern_sees_every_way_of_writing_the_method():
    written = ['method="post"', "method='POST'", "method=post", 'method = "post"', "class=x method=Post"]
    assert [bool(POST_METHOD.search(attributes)) for attributes in written] == [True] * 5


def test_the_post_form_pattern_ignores_get_forms():
    assert not POST_METHOD.search('method="get" data-method="postal"')


def _post_forms() -> list[tuple[str, str]]:
    forms = []
    for path in (ROOT / "sahabat").rglob("templates/**/*.html"):
        for match in re.finditer(r"<form\b([^>]*)>(.*?)</form>", path.read_text(), re.DOTALL | re.IGNORECASE):
            if POST_METHOD.search(match.group(1)):
                forms.append((str(path.relative_to(ROOT)), match.group(2)))
    return forms


def test_the_templates_have_post_forms_to_check():
    assert len(_post_forms()) > 50


def test_every_post_form_in_the_templates_carries_the_csrf_token():
    assert [name for name, body in _post_forms() if "{% csrf_token %}" not in body] == []


def test_a_post_without_the_csrf_token_is_refused(jember, member_of):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member_of(jember, Role.OFFICER))
    response = strict.post(reverse("registry:enterprise_create"), {"name": "Kopi", "sector": "food"})
    assert response.status_code == 403


# Login lock-out (django-axes) ----------------------------------------------------------------


def test_the_login_locks_after_five_failures_even_for_the_right_password(client, jember, member_of, settings):
    user = member_of(jember, Role.OFFICER)
    user.set_password("rahasia-123")
    user.save()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "salah"})
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": "rahasia-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# API token rate limit ------------------------------------------------------------------------


@pytest.fixture
def token_key(jember):
    cache.clear()
    return api_token_create(actor=Actor.system(), region=jember, name="Kasir A-001").raw_key


def _me(client, key):
    return client.get("/api/accounts/me", headers={"Authorization": f"Bearer {key}"})


def test_a_token_over_its_rate_gets_a_structured_429_with_retry_after(client, token_key, settings):
    settings.API_TOKEN_RATE_LIMIT = 3
    statuses = [_me(client, token_key).status_code for _ in range(3)]
    refused = _me(client, token_key)
    assert (statuses, refused.status_code) == ([200, 200, 200], 429)
    assert refused.json()["errors"][0]["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_one_busy_token_does_not_slow_another(client, jember, token_key, settings):
    settings.API_TOKEN_RATE_LIMIT = 1
    other = api_token_create(actor=Actor.system(), region=jember, name="Kasir A-002").raw_key
    _me(client, token_key)
    assert (_me(client, token_key).status_code, _me(client, other).status_code) == (429, 200)


def test_a_limit_of_zero_turns_the_rate_limit_off(client, token_key, settings):
    settings.API_TOKEN_RATE_LIMIT = 0
    assert {_me(client, token_key).status_code for _ in range(5)} == {200}


def test_the_default_limit_leaves_room_for_the_ingestion_benchmark():
    # bench.events_ingest measured about 260 requests a minute per token (docs/security.md).
    assert project_settings.API_TOKEN_RATE_LIMIT >= 5 * 260


# Uploads and secrets -------------------------------------------------------------------------


def test_uploads_live_outside_the_static_files():
    media, static = Path(project_settings.MEDIA_ROOT).resolve(), Path(project_settings.STATIC_ROOT).resolve()
    assert not media.is_relative_to(static) and not static.is_relative_to(media)


def test_an_uploaded_file_is_not_served_by_the_application(client, settings):
    stored = Path(settings.MEDIA_ROOT) / "evidence" / "laporan.pdf"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"%PDF-1.4")
    assert client.get(f"/{settings.MEDIA_URL}evidence/laporan.pdf").status_code == 404


def test_secrets_are_generated_into_var_only_outside_production():
    result = _settings_in_process(REQUIRE_ENV_SECRETS="true", FIELD_ENCRYPTION_KEY="f" * 44)
    assert "SECRET_KEY must be set in the environment" in result.stderr
