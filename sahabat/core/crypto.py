"""Personal data at rest: authenticated encryption (AES-256-GCM) and HMAC blind indexes.

`FIELD_ENCRYPTION_KEY` may hold several comma-separated Fernet-format keys: the first encrypts, all
decrypt, so a key can be rotated by putting the new one in front and re-saving the rows.

Stored format. New values are ``v2:`` + urlsafe base64 of a 12-byte random nonce and the AES-256-GCM
ciphertext with its 16-byte tag. The AES key is SHA-256 of a label and the configured key's bytes, so it
is never the key used for anything else. Values written before this format are Fernet tokens (they
start with ``gAAAAA``, never with ``v2:``); they still decrypt with the same keys and are rewritten in
the new format the next time their row is saved. GCM does per value what Fernet did (confidentiality
and integrity, a fresh random nonce so equal values never give equal ciphertexts) at about a fifth of
the cost, which matters when an import encrypts four fields of 100,000 owners.

The blind index key is derived from the first key's bytes under its own label, so an index never
equals the HMAC of any other use; rotating the first key therefore needs a re-index as well.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PREFIX = "v2:"
NONCE_BYTES = 12
TAG_BYTES = 16
_AES_LABEL = b"sahabat-field-aes-gcm\x00"


@lru_cache(maxsize=1)
def _keys() -> tuple[tuple[AESGCM, ...], MultiFernet, bytes]:
    raw_keys = [key.strip() for key in settings.FIELD_ENCRYPTION_KEY.split(",") if key.strip()]
    fernet = MultiFernet([Fernet(key) for key in raw_keys])
    ciphers = tuple(AESGCM(hashlib.sha256(_AES_LABEL + key.encode()).digest()) for key in raw_keys)
    index_key = hashlib.sha256(b"sahabat-blind-index\x00" + raw_keys[0].encode()).digest()
    return ciphers, fernet, index_key


def keys_reset() -> None:
    """Forget the cached keys (after the setting changes, e.g. in tests)."""
    _keys.cache_clear()


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = _keys()[0][0].encrypt(nonce, plaintext.encode(), None)
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def decrypt(token: str) -> str:
    """The plain text of a stored value, in the current format or an older Fernet token.

    Raises `InvalidToken` when no configured key opens it (wrong key, or altered ciphertext).
    """
    if not token.startswith(PREFIX):
        return _keys()[1].decrypt(token.encode()).decode()
    try:
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :])
    except (binascii.Error, ValueError):
        raise InvalidToken from None
    if len(raw) <= NONCE_BYTES + TAG_BYTES:
        raise InvalidToken
    nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    for cipher in _keys()[0]:
        try:
            return cipher.decrypt(nonce, sealed, None).decode()
        except InvalidTag:
            continue
    raise InvalidToken


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed digest for exact look-ups of an encrypted value; `purpose` separates NIK from phone."""
    return hmac.digest(_keys()[2], f"{purpose}\x00{value}".encode(), "sha256").hex()


class EncryptedTextField(models.TextField):
    """Stores encrypted text (see the module); Python code sees the plain text. Empty stays empty."""

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
