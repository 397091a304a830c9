import json
import logging

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_healthz_is_ok_when_database_is_migrated(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied"}


@pytest.mark.django_db
def test_healthz_is_unavailable_with_pending_migrations(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("app", False)])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "pending"


@pytest.mark.django_db
def test_healthz_is_unavailable_when_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("sahabat.core.health.connection.cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_home_page_is_in_indonesian_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert "Masuk" in response.content.decode()


@pytest.mark.django_db
def test_an_english_browser_still_gets_indonesian(client):
    page = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="id">' in page


@pytest.mark.django_db
def test_home_page_switches_to_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Log in" in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_page_answers_404_in_indonesian(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_each_request_writes_one_structured_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="sahabat.request"):
        client.get("/healthz")
    records = [record for record in caplog.records if record.name == "sahabat.request"]
    assert len(records) == 1
    assert (records[0].path, records[0].status) == ("/healthz", 200)
    assert records[0].duration_ms >= 0


def test_json_formatter_writes_extra_fields():
    from sahabat.core.logging import JsonFormatter

    record = logging.makeLogRecord({"msg": "request", "levelname": "INFO", "name": "x", "status": 201})
    assert json.loads(JsonFormatter().format(record))["status"] == 201
