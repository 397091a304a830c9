import hashlib
import hmac

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.db import connection

from sahabat.core import crypto
from sahabat.registry.models import Owner
from tests.registry.factories import OwnerFactory, nik_for

NIK = nik_for(7)


@pytest.fixture(autouse=True)
def _fresh_keys():
    """Each test may change FIELD_ENCRYPTION_KEY; the cached keys must follow it, and be restored after."""
    crypto.keys_reset()
    yield
    crypto.keys_reset()


def _stored(column: str, owner_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM registry_owner WHERE id = %s", [owner_id])
        return cursor.fetchone()[0]


def test_encrypt_and_decrypt_round_trip():
    assert crypto.decrypt(crypto.encrypt("Jl. Kalimantan No. 37")) == "Jl. Kalimantan No. 37"


def test_encrypting_twice_gives_two_different_tokens():
    assert crypto.encrypt(NIK) != crypto.encrypt(NIK)


@pytest.mark.django_db
def test_the_nik_column_holds_no_plain_nik():
    owner = OwnerFactory(nik=NIK)
    stored = _stored("nik", owner.pk)
    assert NIK not in stored
    assert crypto.decrypt(stored) == NIK


@pytest.mark.django_db
def test_the_phone_column_holds_no_plain_number():
    owner = OwnerFactory(phone="0812-3456-7890")
    assert "81234567890" not in _stored("phone", owner.pk)


@pytest.mark.django_db
def test_an_empty_personal_field_stays_empty_in_the_database():
    owner = OwnerFactory(email="")
    assert _stored("email", owner.pk) == ""


@pytest.mark.django_db
def test_the_model_reads_the_plain_nik_back():
    owner = OwnerFactory(nik=NIK)
    assert Owner.unscoped.get(pk=owner.pk).nik == NIK


def test_blind_index_is_equal_for_equal_input():
    assert crypto.blind_index(NIK, purpose="nik") == crypto.blind_index(NIK, purpose="nik")


def test_blind_index_differs_between_inputs():
    assert crypto.blind_index(NIK, purpose="nik") != crypto.blind_index(nik_for(8), purpose="nik")


def test_blind_index_is_the_hmac_it_always_was(settings):
    """Stored indexes stay valid: HMAC-SHA256 under the key derived from the first configured key."""
    key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = key
    crypto.keys_reset()
    index_key = hashlib.sha256(b"sahabat-blind-index\x00" + key.encode()).digest()
    expected = hmac.new(index_key, f"nik\x00{NIK}".encode(), hashlib.sha256).hexdigest()
    assert crypto.blind_index(NIK, purpose="nik") == expected


def test_blind_index_differs_per_purpose():
    assert crypto.blind_index(NIK, purpose="nik") != crypto.blind_index(NIK, purpose="phone")


def test_a_rotated_key_still_decrypts_values_of_the_old_key(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    crypto.keys_reset()
    token = crypto.encrypt(NIK)
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    crypto.keys_reset()
    assert crypto.decrypt(token) == NIK


def test_after_rotation_new_values_are_encrypted_with_the_first_key(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    crypto.keys_reset()
    token = crypto.encrypt(NIK)
    settings.FIELD_ENCRYPTION_KEY = new
    crypto.keys_reset()
    assert crypto.decrypt(token) == NIK


def test_a_value_of_another_key_is_refused(settings):
    token = crypto.encrypt(NIK)
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    crypto.keys_reset()
    with pytest.raises(InvalidToken):
        crypto.decrypt(token)


def test_new_values_are_stored_in_the_versioned_gcm_format():
    token = crypto.encrypt(NIK)
    assert token.startswith(crypto.PREFIX)
    assert NIK not in token


def test_a_fernet_value_written_before_the_gcm_format_still_decrypts(settings):
    key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = key
    crypto.keys_reset()
    assert crypto.decrypt(Fernet(key.encode()).encrypt(NIK.encode()).decode()) == NIK


@pytest.mark.django_db
def test_an_owner_stored_with_a_fernet_nik_reads_back_and_is_rewritten_on_save(settings):
    key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = key
    crypto.keys_reset()
    owner = OwnerFactory(nik=NIK)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_owner SET nik = %s WHERE id = %s",
            [Fernet(key.encode()).encrypt(NIK.encode()).decode(), owner.pk],
        )
    loaded = Owner.unscoped.get(pk=owner.pk)
    assert loaded.nik == NIK
    loaded.save()
    assert _stored("nik", owner.pk).startswith(crypto.PREFIX)


def test_an_altered_gcm_value_is_refused():
    token = crypto.encrypt(NIK)
    body = token[len(crypto.PREFIX) :]
    altered = crypto.PREFIX + body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB")
    with pytest.raises(InvalidToken):
        crypto.decrypt(altered)


def test_a_truncated_gcm_value_is_refused():
    with pytest.raises(InvalidToken):
        crypto.decrypt(crypto.PREFIX + "AAAA")
