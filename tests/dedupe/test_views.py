"""Review pages: the queue with its evidence, decisions, bulk acceptance, runs with progress, merges."""

import pytest
from django.urls import reverse

from sahabat.dedupe.models import CandidateGroup, CandidatePair, DedupeRun, Merge
from sahabat.registry.models import Enterprise, ImportJob, ImportRow
from tests.dedupe.world import dedupe_world
from tests.registry.factories import EnterpriseFactory


@pytest.fixture
def world(jember):
    world = dedupe_world(jember=jember)
    left, right = sorted(world.group.enterprises.values_list("pk", flat=True))
    CandidatePair.unscoped.create(
        group=world.group,
        left_id=left,
        right_id=right,
        probability=0.97,
        match_weight=9.1,
        evidence={
            "business_name": ["one or two typos", 6.2],
            "nik": ["missing", 0],
            "place": ["different", -4.9],
        },
    )
    return world


@pytest.fixture
def client_of(client, jember, member_of):
    def login(role="officer"):
        client.force_login(member_of(jember, role))
        return client

    return login


def test_the_queue_shows_each_group_with_its_evidence(client_of, world):
    page = client_of().get(reverse("dedupe:group_list")).content.decode()
    assert "Toko Sumber Rejeki" in page and "UD Sumber Rezeki" in page
    assert "97,0%" in page
    assert "✓ Nama usaha: satu atau dua salah ketik" in page
    assert "✗ Desa dan kecamatan: berbeda" in page


def test_the_queue_is_empty_without_a_search(client_of, jember):
    page = client_of().get(reverse("dedupe:group_list")).content.decode()
    assert "Tidak ada yang perlu ditinjau" in page


def test_the_detail_page_lays_the_evidence_out_field_by_field(client_of, world):
    page = client_of().get(reverse("dedupe:group_detail", args=[world.group.pk])).content.decode()
    assert "Nama usaha</th>" in page
    assert "satu atau dua salah ketik" in page


def test_merge_from_the_detail_page_keeps_the_chosen_record(client_of, world):
    left, right = sorted(world.group.enterprises.values_list("pk", flat=True))
    response = client_of().post(
        reverse("dedupe:group_decide", args=[world.group.pk]),
        {"decision": "merged", "golden": right, "members": [left, right]},
    )
    assert response.status_code == 302
    assert Enterprise.unscoped.get(pk=left).merged_into_id == right


def test_not_the_same_from_the_queue(client_of, world):
    client_of().post(reverse("dedupe:group_decide", args=[world.group.pk]), {"decision": "not_same"})
    assert CandidateGroup.unscoped.get(pk=world.group.pk).status == CandidateGroup.Status.NOT_SAME


def test_a_decision_without_a_choice_changes_nothing(client_of, world):
    client_of().post(reverse("dedupe:group_decide", args=[world.group.pk]), {"decision": "delete"})
    assert CandidateGroup.unscoped.get(pk=world.group.pk).status == CandidateGroup.Status.PENDING


def test_bulk_accept_from_the_page(client_of, world):
    client_of().post(reverse("dedupe:bulk_accept"), {"threshold": "0.95"})
    assert CandidateGroup.unscoped.get(pk=world.group.pk).status == CandidateGroup.Status.MERGED


def test_a_large_bulk_accept_runs_in_the_background(client_of, world, monkeypatch):
    from sahabat.dedupe import views

    monkeypatch.setattr(views, "BULK_INLINE_MAX", 0)
    response = client_of().post(reverse("dedupe:bulk_accept"), {"threshold": "0.95"}, follow=True)
    assert "di latar belakang" in response.content.decode()
    assert CandidateGroup.unscoped.get(pk=world.group.pk).status == CandidateGroup.Status.MERGED


def test_a_search_started_from_the_page_runs_in_the_background(
    client_of, jember, django_capture_on_commit_callbacks
):
    for name in ("Toko Maju Jaya", "UD Maju Jaya", "Bakso Pak Joko"):
        EnterpriseFactory(name=name)
    with django_capture_on_commit_callbacks(execute=True):
        client_of().post(reverse("dedupe:run_start"), {"threshold": "0.9", "retrain": "on"})
    run = DedupeRun.unscoped.get(region=jember)
    assert (run.status, run.records) == (DedupeRun.Status.DONE, 3)


def test_a_threshold_out_of_range_starts_nothing(client_of, jember):
    response = client_of().post(reverse("dedupe:run_start"), {"threshold": "2"}, follow=True)
    assert not DedupeRun.unscoped.filter(region=jember).exists()
    assert "antara 0,5 dan 0,9999" in response.content.decode() or "0.5" in response.content.decode()


def test_progress_polls_while_a_search_runs(client_of, jember):
    run = DedupeRun.unscoped.create(
        region=jember, status=DedupeRun.Status.RUNNING, progress=55, stage="predict"
    )
    response = client_of().get(reverse("dedupe:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert 'value="55"' in response.content.decode()
    assert "HX-Refresh" not in response


def test_progress_reloads_the_page_when_the_search_ends(client_of, jember):
    run = DedupeRun.unscoped.create(region=jember, status=DedupeRun.Status.DONE, progress=100)
    response = client_of().get(reverse("dedupe:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_undo_from_the_merge_list(client_of, world):
    client_of().post(reverse("dedupe:merge_undo", args=[world.merge.pk]))
    assert Merge.unscoped.get(pk=world.merge.pk).undone_at is not None
    assert not Enterprise.unscoped.filter(status=Enterprise.Status.MERGED).exists()


def test_a_viewer_cannot_open_the_queue(client_of, world):
    assert client_of("viewer").get(reverse("dedupe:group_list")).status_code == 403


def test_import_preview_shows_likely_duplicates_of_existing_records(client_of, jember):
    EnterpriseFactory(name="UD. Keripik Tempe Bu Sri")
    job = ImportJob.unscoped.create(
        region=jember, original_name="umkm.xlsx", status="previewed", total_rows=2
    )
    ImportRow.unscoped.create(job=job, row_number=2, outcome="new", label="Kripik Tempe Ibu Sri")
    ImportRow.unscoped.create(job=job, row_number=3, outcome="new", label="Batik Tulis Rolla")
    page = client_of().get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert page.count("Mungkin sudah ada di register") == 1
    assert "UD. Keripik Tempe Bu Sri" in page
