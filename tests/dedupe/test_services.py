"""Runs, decisions, merges and their undoing."""

from datetime import date

import pytest
from django.apps import apps
from django.utils import timezone
from django_scopes import scopes_disabled

from sahabat.accounts.actor import Actor
from sahabat.core.errors import DomainError
from sahabat.dedupe import matching, services
from sahabat.dedupe.models import CandidateGroup, DedupeRun, MatchModel, Merge, PairDecision
from sahabat.dedupe.synthetic import generate, places_of, synthetic_load
from sahabat.events.models import Participation
from sahabat.events.services import setup
from sahabat.purchasing.models import ProcurementPackage, Purchase
from sahabat.registry.models import Enterprise, Licence, Product
from tests.coaching.factories import ParticipantFactory
from tests.events.conftest import carnival  # noqa: F401 (fixture)
from tests.purchasing.world import NIP, purchasing_world
from tests.registry.factories import EnterpriseFactory, LicenceFactory, ProductFactory


@pytest.fixture
def register(jember):
    """A small synthetic register with known duplicates: record id → enterprise id, and the data."""
    data = generate(records=400, places=places_of(jember), seed=5)
    with scopes_disabled():
        ids = synthetic_load(region=jember, data=data)
    return data, ids


def _run(jember, **options):
    run = DedupeRun.unscoped.create(region=jember, threshold=options.get("threshold", 0.9))
    return services.dedupe_run_execute(run_id=run.pk)


def _groups(jember):
    return [
        sorted(group.enterprises.values_list("pk", flat=True))
        for group in CandidateGroup.unscoped.filter(region=jember, status=CandidateGroup.Status.PENDING)
    ]


def test_run_groups_most_true_duplicates(jember, register):
    data, ids = register
    run = _run(jember)
    truth = {tuple(sorted((ids[left], ids[right]))) for left, right in data.true_pairs()}
    found = {(a, b) for group in _groups(jember) for i, a in enumerate(group) for b in group[i + 1 :]}
    assert run.status == DedupeRun.Status.DONE
    assert len(found & truth) / len(truth) > 0.8
    assert len(found & truth) / len(found) > 0.9


def test_run_saves_the_trained_model_for_the_region(jember, register, monkeypatch):
    monkeypatch.setattr(matching, "MIN_TRAINING_RECORDS", 300)
    _run(jember)
    model = MatchModel.unscoped.get(region=jember)
    assert [item["output_column_name"] for item in model.parameters["comparisons"]][:3] == [
        "business_name",
        "owner_name",
        "nik",
    ]


def test_evidence_never_holds_a_nik(jember, register):
    data, _ids = register
    _run(jember)
    stored = str(list(CandidateGroup.unscoped.values_list("pairs__evidence", flat=True)))
    assert not any(record.nik and record.nik in stored for record in data.records)


def test_a_pair_marked_not_the_same_never_comes_back(jember, register, officer):
    _run(jember)
    group = CandidateGroup.unscoped.filter(region=jember, size=2).first()
    pair = sorted(group.enterprises.values_list("pk", flat=True))
    services.candidate_group_decide(actor=officer, group_id=group.pk, decision="not_same")
    _run(jember)
    assert pair not in _groups(jember)


def test_a_small_register_keeps_no_model_of_its_own(jember, register):
    _run(jember)
    assert not MatchModel.unscoped.filter(region=jember).exists()


def test_a_second_run_replaces_pending_groups(jember, register):
    _run(jember)
    first = CandidateGroup.unscoped.filter(region=jember).count()
    _run(jember)
    assert CandidateGroup.unscoped.filter(region=jember).count() == first


def test_a_second_search_while_one_runs_is_refused(jember, officer):
    DedupeRun.unscoped.create(region=jember, status=DedupeRun.Status.RUNNING)
    with pytest.raises(DomainError) as error:
        services.dedupe_run_start(actor=officer, region=jember, threshold=0.9)
    assert error.value.errors[0].code == "dedupe.running"


def test_a_search_silent_too_long_no_longer_blocks_a_new_one(jember, officer):
    silent = timezone.now() - services.STALE_AFTER - timezone.timedelta(minutes=1)
    stale = DedupeRun.unscoped.create(region=jember, status=DedupeRun.Status.RUNNING, progress_at=silent)
    services.dedupe_run_start(actor=officer, region=jember, threshold=0.9)
    stale.refresh_from_db()
    assert (stale.status, DedupeRun.unscoped.filter(region=jember).count()) == (DedupeRun.Status.FAILED, 2)


def test_a_search_that_reported_progress_lately_still_blocks_a_new_one(jember, officer):
    DedupeRun.unscoped.create(
        region=jember,
        status=DedupeRun.Status.RUNNING,
        created_at=timezone.now() - timezone.timedelta(hours=2),
        progress_at=timezone.now() - timezone.timedelta(minutes=5),
    )
    with pytest.raises(DomainError) as error:
        services.dedupe_run_start(actor=officer, region=jember, threshold=0.9)
    assert error.value.errors[0].code == "dedupe.running"


def test_a_search_given_up_meanwhile_stops_and_stores_nothing(jember, register):
    run = DedupeRun.unscoped.create(region=jember, status=DedupeRun.Status.FAILED, error="no progress")
    services.dedupe_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.error, CandidateGroup.unscoped.count()) == (
        DedupeRun.Status.FAILED,
        "no progress",
        0,
    )


def test_a_threshold_out_of_range_is_refused(jember, officer):
    with pytest.raises(DomainError) as error:
        services.dedupe_run_start(actor=officer, region=jember, threshold=1.5)
    assert error.value.errors[0].field == "threshold"


def test_a_viewer_may_not_start_a_search(jember, member_of, actor_of):
    viewer = actor_of(member_of(jember, "viewer"))
    with pytest.raises(DomainError) as error:
        services.dedupe_run_start(actor=viewer, region=jember, threshold=0.9)
    assert error.value.status == 403


# --- merge -----------------------------------------------------------------------------------------


@pytest.fixture
def twins(jember):
    """The same shop twice: an imported record and one an officer typed, with a NIB on the imported one."""
    imported = EnterpriseFactory(name="Kripik Tempe Bu Sri", address="", source=Enterprise.Source.IMPORT)
    typed = EnterpriseFactory(
        name="Keripik Tempe Bu Sri", address="Jl. Jawa No. 12", capital=None, source=Enterprise.Source.FORM
    )
    LicenceFactory(enterprise=imported, number="9120001234567")
    return imported, typed


def test_merge_keeps_every_record_and_links_it(officer, twins):
    imported, typed = twins
    merge = services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    source = Enterprise.unscoped.get(pk=(set(twins_pk := [imported.pk, typed.pk]) - {merge.golden_id}).pop())
    assert Enterprise.unscoped.filter(pk__in=twins_pk).count() == 2
    assert (source.status, source.merged_into_id) == (Enterprise.Status.MERGED, merge.golden_id)


def test_golden_record_is_the_verified_one(officer, twins):
    imported, typed = twins
    merge = services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    assert merge.golden_id == typed.pk


def test_a_verified_value_beats_a_more_recent_unverified_one(officer, twins):
    imported, typed = twins
    Enterprise.unscoped.filter(pk=typed.pk).update(description="diketik petugas")
    Enterprise.unscoped.filter(pk=imported.pk).update(description="dari impor", updated_at=timezone.now())
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    assert Enterprise.unscoped.get(pk=typed.pk).description == "diketik petugas"


def test_a_nib_vouches_for_the_name(officer, twins):
    imported, typed = twins
    Enterprise.unscoped.filter(pk=imported.pk).update(updated_at=timezone.now())
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    assert Enterprise.unscoped.get(pk=typed.pk).name == "Kripik Tempe Bu Sri"


def test_an_empty_value_is_filled_from_another_record(officer, twins):
    imported, typed = twins
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    assert Enterprise.unscoped.get(pk=typed.pk).capital == imported.capital


def test_the_more_recent_unverified_value_wins(jember, officer):
    older = EnterpriseFactory(name="Toko Maju", description="lama", source=Enterprise.Source.IMPORT)
    newer = EnterpriseFactory(name="Toko Maju", description="baru", source=Enterprise.Source.IMPORT)
    Enterprise.unscoped.filter(pk=older.pk).update(updated_at=timezone.now() - timezone.timedelta(days=30))
    merge = services.enterprise_merge(actor=officer, enterprise_ids=[older.pk, newer.pk])
    assert Enterprise.unscoped.get(pk=merge.golden_id).description == "baru"


def test_the_nib_holder_is_kept_among_unverified_records(jember, officer):
    plain = EnterpriseFactory(name="Toko Maju", source=Enterprise.Source.IMPORT)
    holder = EnterpriseFactory(name="Toko Maju", source=Enterprise.Source.IMPORT)
    LicenceFactory(enterprise=holder)
    Enterprise.unscoped.filter(pk=plain.pk).update(updated_at=timezone.now() + timezone.timedelta(days=1))
    merge = services.enterprise_merge(actor=officer, enterprise_ids=[plain.pk, holder.pk])
    assert merge.golden_id == holder.pk


def test_products_licences_purchases_and_participations_follow_the_golden_record(jember, officer, twins):
    imported, typed = twins
    product = ProductFactory(enterprise=imported)
    participant = ParticipantFactory(enterprise=imported)
    world = purchasing_world(jember=jember)
    purchase = Purchase.unscoped.create(
        region=jember, agency=world.agency, enterprise=imported, purchased_on=date(2024, 5, 2),
        buyer_nip=NIP, buyer_nip_index="x", buyer_nip_masked="1985", amount=75_000,
    )  # fmt: skip
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk)
    assert Product.unscoped.get(pk=product.pk).enterprise_id == typed.pk
    assert Licence.unscoped.get(number="9120001234567").enterprise_id == typed.pk
    assert Purchase.unscoped.get(pk=purchase.pk).enterprise_id == typed.pk
    participant.refresh_from_db()
    assert participant.enterprise_id == typed.pk


def test_a_participation_in_the_same_programme_stays_with_its_record(officer, twins):
    imported, typed = twins
    kept = ParticipantFactory(enterprise=typed)
    duplicate = ParticipantFactory(enterprise=imported, programme=kept.programme)
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk)
    duplicate.refresh_from_db()
    assert duplicate.enterprise_id == imported.pk


def test_merging_a_merged_record_is_refused(officer, twins):
    imported, typed = twins
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    third = EnterpriseFactory(name="Keripik Tempe Sri")
    with pytest.raises(DomainError) as error:
        services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, third.pk])
    assert error.value.errors[0].code == "dedupe.already_merged"


def test_a_merged_golden_record_brings_its_sources_along(officer, twins):
    imported, typed = twins
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk)
    third = EnterpriseFactory(name="Keripik Tempe Sri", source=Enterprise.Source.FORM)
    services.enterprise_merge(actor=officer, enterprise_ids=[typed.pk, third.pk], golden_id=third.pk)
    assert Enterprise.unscoped.get(pk=imported.pk).merged_into_id == third.pk


def test_merge_is_in_the_audit_trail(officer, twins):
    from auditlog.models import LogEntry

    imported, typed = twins
    merge = services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    assert LogEntry.objects.get_for_object(merge).exists()
    assert LogEntry.objects.get_for_object(imported).filter(action=LogEntry.Action.UPDATE).exists()


def _state(*enterprises):
    attributes = [services._attribute(name) for name in services.SURVIVING_FIELDS]
    fields = [*attributes, "status", "merged_into_id", "computed_scale"]
    rows = Enterprise.unscoped.filter(pk__in=[item.pk for item in enterprises]).order_by("pk")
    return [{name: getattr(item, name) for name in fields} for item in rows]


def test_unmerge_restores_exactly_the_state_before(jember, officer, twins):
    imported, typed = twins
    product = ProductFactory(enterprise=imported)
    before = _state(imported, typed)
    merge = services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk])
    services.merge_undo(actor=officer, merge_id=merge.pk)
    assert _state(imported, typed) == before
    assert Product.unscoped.get(pk=product.pk).enterprise_id == imported.pk
    assert Licence.unscoped.get(number="9120001234567").enterprise_id == imported.pk


def _full_state():
    """Every concrete field but `updated_at` of every enterprise and of every row that can follow one."""
    models = [
        Enterprise,
        *(apps.get_model(app, model) for app, model, _field, _with in services.MOVABLE_ROWS),
    ]
    state = {}
    for model in models:
        names = [field.attname for field in model._meta.concrete_fields if field.name != "updated_at"]
        state[model._meta.label] = list(model._default_manager.order_by("pk").values_list(*names))
    return state


@pytest.fixture
def related(jember, carnival, twins):  # noqa: F811
    """One row of every kind that follows a record to its golden record, on the imported twin; the typed
    twin already sells at the carnival (so the imported twin's participation there stays), workers and
    capital (hence a scale) only on the imported twin."""
    imported, typed = twins
    Enterprise.unscoped.filter(pk=imported.pk).update(
        workers_male=3, workers_female=4, workers_unspecified=0, capital=600_000_000
    )
    Enterprise.unscoped.filter(pk=typed.pk).update(workers_male=0, workers_female=0, workers_unspecified=0)
    ProductFactory(enterprise=imported)
    ParticipantFactory(enterprise=imported)
    world = purchasing_world(jember=jember)
    Purchase.unscoped.create(
        region=jember, agency=world.agency, enterprise=imported, purchased_on=date(2024, 5, 2),
        buyer_nip=NIP, buyer_nip_index="x", buyer_nip_masked="1985", amount=75_000,
    )  # fmt: skip
    ProcurementPackage.unscoped.filter(pk=world.package.pk).update(supplier=imported)
    Participation.unscoped.create(event=carnival, enterprise=typed)
    Participation.unscoped.create(event=carnival, enterprise=imported)
    other = setup.event_create(
        actor=Actor.system(), region=jember, name="Bazar UMKM", venue="GOR Kaliwates",
        main_start=date(2023, 9, 1), main_end=date(2023, 9, 2),
        window_start=date(2023, 9, 1), window_end=date(2023, 9, 2),
    )  # fmt: skip
    Participation.unscoped.create(event=other, enterprise=imported)
    return imported, typed


def test_every_kind_of_related_row_moves_at_a_merge(officer, related):
    imported, typed = related
    before = _full_state()
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk)
    after = _full_state()
    changed = {label for label in before if label != "registry.Enterprise" and before[label] != after[label]}
    assert changed == {apps.get_model(app, model)._meta.label for app, model, *_rest in services.MOVABLE_ROWS}


def test_unmerge_restores_every_related_row_and_field(officer, related):
    imported, typed = related
    before = _full_state()
    merge = services.enterprise_merge(
        actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk
    )
    assert Enterprise.unscoped.get(pk=typed.pk).workers_female == 4
    services.merge_undo(actor=officer, merge_id=merge.pk)
    assert _full_state() == before


def test_undoing_a_chained_merge_restores_the_first_merges_state(officer, related):
    imported, typed = related
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk)
    third = EnterpriseFactory(name="Keripik Tempe Sri", source=Enterprise.Source.FORM, capital=None)
    ProductFactory(enterprise=third)
    after_first = _full_state()
    second = services.enterprise_merge(actor=officer, enterprise_ids=[typed.pk, third.pk], golden_id=third.pk)
    assert Enterprise.unscoped.get(pk=imported.pk).merged_into_id == third.pk
    services.merge_undo(actor=officer, merge_id=second.pk)
    assert _full_state() == after_first


def test_unmerge_twice_is_refused(officer, twins):
    merge = services.enterprise_merge(actor=officer, enterprise_ids=[item.pk for item in twins])
    services.merge_undo(actor=officer, merge_id=merge.pk)
    with pytest.raises(DomainError) as error:
        services.merge_undo(actor=officer, merge_id=merge.pk)
    assert error.value.errors[0].code == "dedupe.undone"


def test_an_earlier_merge_cannot_be_undone_under_a_later_one(officer, twins):
    imported, typed = twins
    first = services.enterprise_merge(
        actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk
    )
    third = EnterpriseFactory(name="Keripik Tempe Sri")
    services.enterprise_merge(actor=officer, enterprise_ids=[typed.pk, third.pk], golden_id=third.pk)
    with pytest.raises(DomainError) as error:
        services.merge_undo(actor=officer, merge_id=first.pk)
    assert error.value.errors[0].code == "dedupe.later_merge"


def test_another_region_cannot_merge(sarolangun, member_of, actor_of, twins):
    stranger = actor_of(member_of(sarolangun, "region_admin"))
    with pytest.raises(DomainError) as error:
        services.enterprise_merge(actor=stranger, enterprise_ids=[item.pk for item in twins])
    assert error.value.status == 403


# --- decisions ---------------------------------------------------------------------------------------


def _group(jember, *enterprises, probability=0.97):
    run = DedupeRun.unscoped.create(region=jember, status=DedupeRun.Status.DONE)
    group = CandidateGroup.unscoped.create(
        run=run,
        region=jember,
        size=len(enterprises),
        min_probability=probability,
        max_probability=probability,
    )
    group.enterprises.set(enterprises)
    return group


def test_merge_decision_merges_the_group(jember, officer, twins):
    group = _group(jember, *twins)
    decided = services.candidate_group_decide(actor=officer, group_id=group.pk, decision="merged")
    assert decided.status == CandidateGroup.Status.MERGED
    assert Merge.unscoped.get(pk=decided.merge_id).sources.count() == 1


def test_a_record_left_out_of_a_merge_is_remembered_as_different(jember, officer, twins):
    third = EnterpriseFactory(name="Keripik Tempe Bu Siti")
    group = _group(jember, *twins, third)
    services.candidate_group_decide(
        actor=officer, group_id=group.pk, decision="merged", member_ids=[item.pk for item in twins]
    )
    assert (
        PairDecision.unscoped.filter(right=third).count() + PairDecision.unscoped.filter(left=third).count()
        == 2
    )


def test_a_decided_group_cannot_be_decided_again(jember, officer, twins):
    group = _group(jember, *twins)
    services.candidate_group_decide(actor=officer, group_id=group.pk, decision="skipped")
    with pytest.raises(DomainError) as error:
        services.candidate_group_decide(actor=officer, group_id=group.pk, decision="merged")
    assert error.value.status == 409


def test_bulk_accept_merges_only_groups_above_the_threshold(jember, officer):
    strong = _group(jember, EnterpriseFactory(), EnterpriseFactory(), probability=0.995)
    weak = _group(jember, EnterpriseFactory(), EnterpriseFactory(), probability=0.93)
    assert services.candidate_groups_bulk_accept(actor=officer, region=jember, threshold=0.99) == 1
    assert CandidateGroup.unscoped.get(pk=strong.pk).status == CandidateGroup.Status.MERGED
    assert CandidateGroup.unscoped.get(pk=weak.pk).status == CandidateGroup.Status.PENDING


def test_bulk_accept_leaves_a_group_whose_record_was_merged_since(jember, officer, twins):
    imported, typed = twins
    stale = _group(jember, imported, EnterpriseFactory(name="Keripik Tempe Sri"), probability=0.995)
    services.enterprise_merge(actor=officer, enterprise_ids=[imported.pk, typed.pk], golden_id=typed.pk)
    assert services.candidate_groups_bulk_accept(actor=officer, region=jember, threshold=0.99) == 0
    assert CandidateGroup.unscoped.get(pk=stale.pk).status == CandidateGroup.Status.PENDING


def test_undoing_a_merge_puts_its_group_back_for_review(jember, officer, twins):
    group = _group(jember, *twins)
    decided = services.candidate_group_decide(actor=officer, group_id=group.pk, decision="merged")
    services.merge_undo(actor=officer, merge_id=decided.merge_id)
    assert CandidateGroup.unscoped.get(pk=group.pk).status == CandidateGroup.Status.PENDING


def test_the_system_actor_may_merge(twins):
    merge = services.enterprise_merge(actor=Actor.system(), enterprise_ids=[item.pk for item in twins])
    assert merge.created_by is None
