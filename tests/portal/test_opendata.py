"""Open data: stable URLs, licence and dictionary, aggregates with small counts held back, cache."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahabat.accounts.actor import Actor
from sahabat.portal.opendata import SMALL_COUNT, Suppression, suppress
from sahabat.registry.models import Enterprise
from sahabat.registry.services import enterprise_create

RULE = Suppression("enterprises", ("amount",), ("group",))


def _row(group, enterprises, amount=100):
    return {"group": group, "enterprises": enterprises, "amount": amount}


def test_a_count_below_the_threshold_is_held_back():
    rows = suppress([_row("a", 2), _row("a", 5), _row("a", 9)], RULE)
    assert rows[0] == {"group": "a", "enterprises": None, "amount": None, "suppressed": True}


def test_a_lone_held_back_figure_takes_the_next_smallest_with_it():
    rows = suppress([_row("a", 1), _row("a", 5), _row("a", 9)], RULE)
    assert [row["suppressed"] for row in rows] == [True, True, False]


def test_other_groups_are_not_touched():
    rows = suppress([_row("a", 1), _row("a", 5), _row("b", 4)], RULE)
    assert rows[2]["enterprises"] == 4


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(min_value=1, max_value=20)), max_size=30))
def test_no_published_figure_rests_on_few_enterprises_and_no_group_hides_just_one(cells):
    rows = suppress([_row(group, count) for group, count in cells], RULE)
    assert all(row["enterprises"] is None or row["enterprises"] >= SMALL_COUNT for row in rows)
    for group in "abc":
        members = [row for row in rows if row["group"] == group]
        held = sum(row["suppressed"] for row in members)
        assert held != 1 or len(members) == 1


@pytest.fixture
def register(jember):
    for number in range(4):
        enterprise_create(actor=Actor.system(), region=jember, name=f"Warung {number}", sector="food")
    for number in range(3):
        enterprise_create(actor=Actor.system(), region=jember, name=f"Anyaman {number}", sector="craft")
    enterprise_create(actor=Actor.system(), region=jember, name="Sanggar Batik", sector="fashion")
    closed = enterprise_create(actor=Actor.system(), region=jember, name="Tutup", sector="food")
    closed.status = Enterprise.Status.CLOSED
    closed.save()


@pytest.mark.django_db
def test_the_dataset_list_gives_stable_urls_and_the_licence(client):
    datasets = client.get("/api/public/datasets").json()
    by_name = {dataset["name"]: dataset for dataset in datasets}
    assert by_name["umkm-by-region"]["csv_url"] == "/api/public/datasets/umkm-by-region.csv"
    assert by_name["umkm-by-region"]["licence"]["name"] == "CC BY 4.0"


@pytest.mark.django_db
def test_json_counts_active_enterprises_and_holds_back_small_ones(client, register):
    body = client.get("/api/public/datasets/umkm-by-region.json").json()
    cells = {row["sector"]: row["enterprises"] for row in body["rows"]}
    # Fashion has one enterprise; craft, the next smallest, is held back with it so that the
    # region's total cannot give fashion away.
    assert cells == {"food": 4, "craft": None, "fashion": None}


@pytest.mark.django_db
def test_json_carries_the_data_dictionary(client):
    body = client.get("/api/public/datasets/umkm-by-district.json").json()
    assert [field["name"] for field in body["fields"]][:2] == ["region_code", "region_name"]
    assert body["small_count_threshold"] == SMALL_COUNT


@pytest.mark.django_db
def test_csv_has_a_header_and_empty_cells_for_held_back_figures(client, register):
    response = client.get("/api/public/datasets/umkm-by-region.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"]
    assert {row["sector"]: row["enterprises"] for row in rows} == {"food": "4", "craft": "", "fashion": ""}


@pytest.mark.django_db
def test_an_unknown_dataset_answers_404_in_the_api_shape(client):
    response = client.get("/api/public/datasets/nik-list.json")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "dataset.unknown"


@pytest.mark.django_db
def test_datasets_are_cached(client, register, jember):
    client.get("/api/public/datasets/umkm-by-district.json")
    enterprise_create(actor=Actor.system(), region=jember, name="Baru")
    body = client.get("/api/public/datasets/umkm-by-district.json").json()
    assert sum(row["enterprises"] or 0 for row in body["rows"]) == 8
