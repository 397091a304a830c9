"""Personal data at rest: Fernet encryption and HMAC blind indexes.

`FIELD_ENCRYPTION_KEY` may hold several comma-separated Fernet keys: the first encrypts, all
decrypt, so a key can be rotated by putting the new one in front and re-saving the rows. The
blind index key is derived from the first key's bytes under its own label, so an index never
equals the HMAC of any other use; rotating the first key therefore needs a re-index as well.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=1)
def _keys() -> tuple[MultiFernet, bytes]:
    raw_keys = [key.strip() for key in settings.FIELD_ENCRYPTION_KEY.split(",") if key.strip()]
    fernet = MultiFernet([Fernet(key) for key in raw_keys])
    index_key = hashlib.sha256(b"sahabat-blind-index\x00" + raw_keys[0].encode()).digest()
    return fernet, index_key


def keys_reset() -> None:
    """Forget the cached keys (after the setting changes, e.g. in tests)."""
    _keys.cache_clear()


def encrypt(plaintext: str) -> str:
    return _keys()[0].encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    return _keys()[0].decrypt(token.encode()).decode()


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed digest for exact look-ups of an encrypted value; `purpose` separates NIK from phone."""
    return hmac.new(_keys()[1], f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Stores a Fernet token; Python code sees the plain text. Empty stays empty (no ciphertext)."""

    description = _("Encrypted text")

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        try:
            return decrypt(value)
        except InvalidToken as error:
            raise ValueError(
                f"{self.model.__name__}.{self.name}: cannot decrypt; wrong FIELD_ENCRYPTION_KEY?"
            ) from error

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value
