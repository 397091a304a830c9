import pytest
from cryptography.fernet import Fernet
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
    assert Fernet(new.encode()).decrypt(crypto.encrypt(NIK).encode()).decode() == NIK
