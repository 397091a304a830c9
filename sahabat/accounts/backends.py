"""Log in with a username or an e-mail address (invited people only know their e-mail), and the
per-address login limit that works beside django-axes' per-account one (docs/security.md)."""

import ipaddress
import logging
import math
import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from sahabat.accounts.models import User

logger = logging.getLogger("sahabat.security")


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = (
            User.objects.filter(Q(username__iexact=username) | Q(email__iexact=username))
            .order_by("pk")
            .first()
        )
        if user is None:
            User().set_password(password)  # same work as a real check, so timing does not reveal accounts
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def client_ip(request) -> str | None:
    """The caller's address: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies, the address the
    outermost of them saw. Each proxy appends the address it received the request from to
    X-Forwarded-For, so that entry (counted from the right) is one the client cannot forge; whatever the
    client put in the header itself sits further left and is ignored. django-axes counts by it too."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            try:
                return str(ipaddress.ip_address(hops[-count]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or None


def _window(ip: str) -> tuple[str, int]:
    """The cache key counting this address's failures in the current window, and the seconds left in it."""
    length = settings.LOGIN_IP_WINDOW_MINUTES * 60
    now = time.time()
    index = int(now // length)
    return f"login-ip-failures:{ip}:{index}", max(1, math.ceil((index + 1) * length - now))


def login_ip_failures(*, ip: str) -> int:
    key, _seconds_left = _window(ip)
    try:
        return cache.get(key, 0)
    except Exception:  # noqa: BLE001 - without the cache, django-axes' per-account limit still holds
        logger.warning("login address limit skipped: cache unavailable", exc_info=True)
        return 0


def login_ip_failure_record(*, ip: str) -> None:
    """Count one failed login from this address in the current window."""
    key, seconds_left = _window(ip)
    try:
        cache.add(key, 0, timeout=seconds_left)
        cache.incr(key)
        # The file cache's incr writes the value again with the default timeout; keep the window's.
        cache.touch(key, seconds_left)
    except Exception:  # noqa: BLE001 - a cache outage must not stop people from logging in
        logger.warning("login address limit skipped: cache unavailable", exc_info=True)


class LoginAddressLimitBackend:
    """Refuse every login from an address with LOGIN_IP_FAILURE_LIMIT failures in the current window.

    django-axes locks a username and address pair, so one address trying many usernames is never
    stopped by it. One failure limit for both would lock a whole office behind one NAT address after
    a handful of typos, so the address gets its own, higher limit. Placed after axes' backend: raising
    PermissionDenied stops Django trying the next backends, and the flag axes' middleware reads turns
    the refusal into the lock-out page (HTTP 429).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or settings.LOGIN_IP_FAILURE_LIMIT <= 0:
            return None
        ip = client_ip(request)
        if ip is None or login_ip_failures(ip=ip) < settings.LOGIN_IP_FAILURE_LIMIT:
            return None
        request.login_address_locked = True
        request.login_address_retry_minutes = math.ceil(_window(ip)[1] / 60)
        request.axes_locked_out = True
        raise PermissionDenied


def count_login_failure(sender, credentials, request=None, **kwargs) -> None:
    """`user_login_failed` receiver: count the failure against the caller's address."""
    if (
        request is None
        or settings.LOGIN_IP_FAILURE_LIMIT <= 0
        or getattr(request, "login_address_locked", False)
    ):
        return
    ip = client_ip(request)
    if ip is not None:
        login_ip_failure_record(ip=ip)
