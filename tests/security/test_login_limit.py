"""The per-address login limit beside django-axes' per-account one, and the client address both count."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

import sahabat.settings as project_settings
from sahabat.accounts import backends
from sahabat.accounts.backends import client_ip
from sahabat.accounts.permissions import Role

pytestmark = pytest.mark.django_db

LIMIT = 4
NETWORK_LOCKED = re.compile(
    r"Terlalu banyak login gagal dari jaringan Anda\. Demi keamanan bersama, login dari jaringan ini "
    r"diblokir\. Coba lagi dalam (\d+) menit\."
)


@pytest.fixture(autouse=True)
def small_limit(settings):
    cache.clear()
    settings.LOGIN_IP_FAILURE_LIMIT = LIMIT


@pytest.fixture
def officer(jember, member_of):
    user = member_of(jember, Role.OFFICER)
    user.set_password("rahasia-123")
    user.save()
    return user


def _login(client, username, password, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def _spray(client, count=LIMIT, **extra):
    """Wrong passwords for as many different usernames: no account and address pair fails twice."""
    for number in range(count):
        _login(client, f"pegawai{number}", "salah", **extra)


def test_one_address_trying_many_usernames_is_locked(client, officer):
    _spray(client, REMOTE_ADDR="10.0.0.1")
    response = _login(client, officer.username, "rahasia-123", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_locked_address_is_told_in_indonesian_when_to_try_again(client, officer, settings):
    _spray(client, REMOTE_ADDR="10.0.0.1")
    response = _login(client, officer.username, "rahasia-123", REMOTE_ADDR="10.0.0.1")
    minutes = int(NETWORK_LOCKED.search(response.content.decode()).group(1))
    assert 1 <= minutes <= settings.LOGIN_IP_WINDOW_MINUTES


def test_another_address_still_logs_in(client, officer):
    _spray(client, REMOTE_ADDR="10.0.0.1")
    response = _login(client, officer.username, "rahasia-123", REMOTE_ADDR="10.0.0.2")
    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(officer.pk))


def test_below_the_limit_the_right_password_still_logs_in(client, officer):
    _spray(client, count=LIMIT - 1, REMOTE_ADDR="10.0.0.1")
    assert _login(client, officer.username, "rahasia-123", REMOTE_ADDR="10.0.0.1").status_code == 302


def test_the_address_is_free_again_in_the_next_window(client, officer, settings, monkeypatch):
    _spray(client, REMOTE_ADDR="10.0.0.1")
    later = backends.time.time() + settings.LOGIN_IP_WINDOW_MINUTES * 60
    monkeypatch.setattr(backends.time, "time", lambda: later)
    assert _login(client, officer.username, "rahasia-123", REMOTE_ADDR="10.0.0.1").status_code == 302


def test_a_limit_of_zero_turns_the_address_limit_off(client, officer, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 0
    _spray(client, count=LIMIT + 2, REMOTE_ADDR="10.0.0.1")
    assert _login(client, officer.username, "rahasia-123", REMOTE_ADDR="10.0.0.1").status_code == 302


def test_the_admin_login_is_limited_by_address_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.id", "rahasia-123")
    _spray(client, REMOTE_ADDR="10.0.0.1")
    response = client.post(
        reverse("admin:login"), {"username": "root", "password": "rahasia-123"}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429


def test_the_default_limit_leaves_an_office_behind_one_address_room():
    # Ten accounts' worth of axes' per-account failures before the whole address is stopped.
    assert project_settings.LOGIN_IP_FAILURE_LIMIT >= 10 * project_settings.AXES_FAILURE_LIMIT


# Behind the proxy ---------------------------------------------------------------------------

NGINX = "10.0.0.100"


def test_behind_a_proxy_clients_are_told_apart_by_the_address_it_saw(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _spray(client, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = _login(
        client, officer.username, "rahasia-123", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert response.status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_limit(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(LIMIT):
        forged = f"192.0.2.{number}, 203.0.113.7"  # the client's own header, then what nginx appended
        _login(client, f"pegawai{number}", "salah", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=forged)
    response = _login(
        client,
        officer.username,
        "rahasia-123",
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )
    assert response.status_code == 429


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7")) == NGINX


def test_two_proxies_take_the_entry_the_outer_one_added(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7, 10.0.0.50")
    assert client_ip(request) == "203.0.113.7"


def test_a_forwarded_value_that_is_not_an_address_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="<script>")) == NGINX


def test_a_request_that_bypassed_the_proxy_counts_by_its_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(REMOTE_ADDR="198.51.100.4")) == "198.51.100.4"


@pytest.mark.parametrize(("https", "count"), [("true", "1"), ("false", "0")])
def test_behind_tls_one_proxy_is_trusted_by_default(https, count):
    environment = {
        **{name: os.environ[name] for name in ("PATH", "HOME", "VAR_DIR") if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "sahabat.settings",
        "HTTPS": https,
        "SECRET_KEY": "k" * 50,
        "FIELD_ENCRYPTION_KEY": "f" * 44,
    }
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"],
        env=environment,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == count
