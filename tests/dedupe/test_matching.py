"""Splink matching on generated data with known duplicates, and the clustering that respects decisions."""

from itertools import combinations

import pytest

from sahabat.dedupe import matching
from sahabat.dedupe.synthetic import generate

PLACES = [(f"35.09.{d:02d}", [f"35.09.{d:02d}.{2000 + v}" for v in range(1, 8)]) for d in range(1, 11)]


def _inputs(data):
    return [
        matching.MatchInput(
            id=r.record_id, name=r.name, owner_name=r.owner_name, nik=r.nik, nib=r.nib, phone=r.phone,
            address=r.address, rt=r.rt, rw=r.rw, district=r.district_code, village=r.village_code,
        )
        for r in data.records
    ]  # fmt: skip


@pytest.fixture(scope="module")
def scored():
    data = generate(records=2500, places=PLACES, seed=3)
    return data, matching.match(_inputs(data), train=True)


def _found(result, threshold=0.9):
    groups = matching.clusters(result.predictions, threshold, set())
    return {pair for ids in groups for pair in combinations(ids, 2)}


def test_em_training_without_labels_finds_the_duplicates(scored):
    data, result = scored
    truth, found = data.true_pairs(), _found(result)
    precision, recall = len(found & truth) / len(found), len(found & truth) / len(truth)
    assert result.trained
    assert 2 * precision * recall / (precision + recall) >= 0.95


def test_businesses_of_one_owner_are_not_merged(scored):
    data, result = scored
    owner_of = {r.record_id: r.owner for r in data.records}
    business_of = {r.record_id: r.business for r in data.records}
    same_owner_other_business = {
        (a, b) for a, b in _found(result) if owner_of[a] == owner_of[b] and business_of[a] != business_of[b]
    }
    shared = {
        (a, b) for a, b in combinations(sorted(owner_of), 2) if owner_of[a] == owner_of[b]
    } - data.true_pairs()
    assert shared
    assert len(same_owner_other_business) <= 0.02 * len(shared)


def test_the_model_is_plain_json_with_trained_parameters(scored):
    _data, result = scored
    levels = [
        level for comparison in result.model["comparisons"] for level in comparison["comparison_levels"]
    ]
    assert any("m_probability" in level for level in levels)


def test_a_small_register_uses_the_default_model():
    data = generate(records=40, places=PLACES, seed=4)
    result = matching.match(_inputs(data), train=True)
    assert not result.trained
    assert result.model["comparisons"][0]["output_column_name"] == "business_name"


def test_clusters_never_join_a_pair_marked_not_the_same():
    predictions = [
        matching.Prediction(1, 2, 0.99, 9, {}),
        matching.Prediction(2, 3, 0.98, 8, {}),
        matching.Prediction(1, 3, 0.97, 7, {}),
    ]
    assert matching.clusters(predictions, 0.9, {(1, 3)}) == [[1, 2]]


def test_clusters_ignore_pairs_below_the_threshold():
    predictions = [matching.Prediction(1, 2, 0.95, 9, {}), matching.Prediction(3, 4, 0.6, 1, {})]
    assert matching.clusters(predictions, 0.9, set()) == [[1, 2]]


def test_plain_niks_stay_in_memory(monkeypatch):
    settings = []
    original = matching._connection

    def spy():
        connection = original()
        settings.append(connection.sql("SELECT current_setting('temp_directory')").fetchall()[0][0])
        settings.append(connection.sql("SELECT current_database()").fetchall()[0][0])
        return connection

    monkeypatch.setattr(matching, "_connection", spy)
    matching.match(_inputs(generate(records=30, places=PLACES, seed=5)), train=False)
    assert settings == ["", "memory"]


def test_a_register_where_no_rule_finds_a_sure_pair_is_scored_with_the_default_model():
    # Duplicates share a NIK but never a NIB or a business name: the prior comes out as zero.
    data = generate(records=matching.MIN_TRAINING_RECORDS, places=PLACES, seed=5)
    inputs = [
        matching.MatchInput(
            id=r.record_id, name=f"{r.name} cabang {r.record_id}", owner_name=r.owner_name, nik=r.nik,
            nib="", phone=r.phone, address=r.address, rt=r.rt, rw=r.rw, district=r.district_code,
            village=r.village_code,
        )
        for r in data.records
    ]  # fmt: skip
    result = matching.match(inputs, train=True)
    assert (result.trained, bool(result.predictions)) == (False, True)
