"""Probabilistic record linkage of enterprises with Splink on an in-memory DuckDB.

Splink, DuckDB and pyarrow are imported where they are used, so that web processes that never run a
search do not load them.

Plain NIKs exist only in this process's memory: DuckDB runs with no database file and with spilling
to disk switched off (`temp_directory` empty), so no plain NIK ever reaches a file. The same
settings run on Spark (`splink.SparkAPI`) for a national register; see docs/dedupe.md.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sahabat.dedupe import normalise

# An m probability so small that "business names clearly differ" outweighs an owner's NIK, name and
# phone agreeing: those fields describe the person, who may run several businesses, so they are not
# independent evidence that two records are one business (Splink assumes independence).
NAME_DIFFERENT_M = 1e-12
# NIB, pinned (docs/dedupe.md, "NIB"): one business has one NIB, so two records of one business that both
# hold a NIB differ only when it was reissued (the 2021 move to OSS-RBA) or mistyped, taken as 1 in 20;
# two different businesses share a NIB practically never. "Same" is a sure match (+30 bits), though the
# register's one-NIB-per-region rule means it only ever occurs across regions; "different" counts
# against a match (-4.3 bits) without vetoing it.
NIB_DIFFERENT_M = 0.05
# Two unrelated owners' NIKs one or two digits apart: they share the region's first four or six digits,
# and birth dates and serials cluster, so far likelier than for random digits (3.6e-7), taken as 1e-5.
NIK_NEAR_U = 1e-5
NIB_SAME_U = 1e-9
# Pairs below this probability are not kept at all; the review queue shows those above the run's threshold.
KEEP_PROBABILITY = 0.5
MAX_U_PAIRS = 3e5
# Fewer records give EM too few pairs to learn from: the region's saved model or the default is used.
MIN_TRAINING_RECORDS = 1000
# Trained on generated Jember-like data (`python -m bench.dedupe --save-default-model`), for small registers.
DEFAULT_MODEL = Path(__file__).with_name("default_model.json")

Progress = Callable[[int, str], None]
logger = logging.getLogger(__name__)


@cache
def default_model() -> dict:
    return json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MatchInput:
    """What matching reads of one enterprise; plain values, in memory only."""

    id: int
    name: str
    owner_name: str = ""
    nik: str = ""
    nib: str = ""
    phone: str = ""
    address: str = ""
    rt: str = ""
    rw: str = ""
    district: str = ""
    village: str = ""


@dataclass(frozen=True)
class Prediction:
    left_id: int
    right_id: int
    probability: float
    match_weight: float
    # comparison name → [level label, match weight of that field], e.g. {"nik": ["same", 14.2]}
    evidence: dict[str, list]


@dataclass
class MatchResult:
    predictions: list[Prediction] = field(default_factory=list)
    model: dict = field(default_factory=dict)
    # True when the model was trained on these records (and is worth saving for the region).
    trained: bool = False


COMPARISON_NAMES = ("business_name", "owner_name", "nik", "nib", "phone", "place", "address")


def _null_level(column: str) -> dict:
    return {
        "sql_condition": f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
        "label_for_charts": "missing",
        "is_null_level": True,
    }


def _else(label: str = "different", **extra) -> dict:
    return {"sql_condition": "ELSE", "label_for_charts": label, **extra}


def comparisons() -> list[dict]:
    """The comparisons, as Splink settings (SQL that DuckDB and Spark both understand)."""
    return [
        {
            "output_column_name": "business_name",
            "comparison_description": "business name without business forms and titles",
            "comparison_levels": [
                _null_level("name_core"),
                {
                    "sql_condition": '"name_core_l" = "name_core_r"',
                    "label_for_charts": "same",
                    "tf_adjustment_column": "name_core",
                    "tf_adjustment_weight": 1.0,
                },
                {
                    "sql_condition": 'levenshtein("name_core_l", "name_core_r") <= 2',
                    "label_for_charts": "one or two typos",
                },
                {
                    "sql_condition": 'jaro_winkler_similarity("name_core_l", "name_core_r") >= 0.92',
                    "label_for_charts": "very similar",
                },
                {
                    "sql_condition": "len(list_intersect(name_tokens_l, name_tokens_r)) * 3"
                    " >= 2 * greatest(len(name_tokens_l), len(name_tokens_r))",
                    "label_for_charts": "mostly the same words",
                },
                _else(m_probability=NAME_DIFFERENT_M, fix_m_probability=True),
            ],
        },
        {
            "output_column_name": "owner_name",
            "comparison_description": "owner name as a set of words",
            "comparison_levels": [
                _null_level("owner_key"),
                {
                    "sql_condition": '"owner_key_l" = "owner_key_r"',
                    "label_for_charts": "same words",
                    "tf_adjustment_column": "owner_key",
                    "tf_adjustment_weight": 1.0,
                },
                {
                    "sql_condition": 'jaro_winkler_similarity("owner_key_l", "owner_key_r") >= 0.92',
                    "label_for_charts": "very similar",
                },
                {
                    "sql_condition": "list_has_all(owner_tokens_l, owner_tokens_r)"
                    " OR list_has_all(owner_tokens_r, owner_tokens_l)",
                    "label_for_charts": "one name within the other",
                },
                {
                    "sql_condition": "len(list_intersect(owner_tokens_l, owner_tokens_r)) >= 1",
                    "label_for_charts": "a word in common",
                },
                _else(),
            ],
        },
        {
            "output_column_name": "nik",
            "comparison_description": "owner NIK",
            "comparison_levels": [
                _null_level("nik"),
                {"sql_condition": '"nik_l" = "nik_r"', "label_for_charts": "same"},
                {
                    "sql_condition": 'levenshtein("nik_l", "nik_r") <= 2',
                    "label_for_charts": "one or two digits apart",
                    # Too rare between unrelated records for the random sample to see (docs/dedupe.md).
                    "u_probability": NIK_NEAR_U,
                    "fix_u_probability": True,
                },
                _else(),
            ],
        },
        {
            "output_column_name": "nib",
            "comparison_description": "NIB",
            # Pinned, not trained: a region's register holds each NIB once, so EM never sees "same".
            "comparison_levels": [
                _null_level("nib"),
                {
                    "sql_condition": '"nib_l" = "nib_r"',
                    "label_for_charts": "same",
                    "m_probability": 1 - NIB_DIFFERENT_M,
                    "u_probability": NIB_SAME_U,
                    "fix_m_probability": True,
                    "fix_u_probability": True,
                },
                _else(
                    m_probability=NIB_DIFFERENT_M,
                    u_probability=1 - NIB_SAME_U,
                    fix_m_probability=True,
                    fix_u_probability=True,
                ),
            ],
        },
        {
            "output_column_name": "phone",
            "comparison_description": "phone number without prefixes",
            "comparison_levels": [
                _null_level("phone"),
                {"sql_condition": '"phone_l" = "phone_r"', "label_for_charts": "same"},
                _else(),
            ],
        },
        {
            "output_column_name": "place",
            "comparison_description": "village and district codes",
            "comparison_levels": [
                _null_level("district"),
                {"sql_condition": '"village_l" = "village_r"', "label_for_charts": "same village"},
                {"sql_condition": '"district_l" = "district_r"', "label_for_charts": "same district"},
                _else(),
            ],
        },
        {
            "output_column_name": "address",
            "comparison_description": "business address with RT/RW",
            "comparison_levels": [
                _null_level("street"),
                {
                    "sql_condition": '"street_l" = "street_r" AND "rt_rw_l" = "rt_rw_r"',
                    "label_for_charts": "same, same RT/RW",
                },
                {
                    "sql_condition": 'jaro_winkler_similarity("street_l", "street_r") >= 0.9',
                    "label_for_charts": "similar",
                },
                _else(),
            ],
        },
    ]


def blocking_rules() -> list:
    from splink import block_on

    return [
        block_on("nik"),
        block_on("nib"),
        block_on("phone"),
        block_on("district", "name_core"),
        block_on("village", "name_prefix"),
        block_on("district", "name_prefix", "owner_initial"),
        block_on("district", "name_suffix", "owner_initial"),
    ]


def settings(*, model: dict | None = None) -> dict:
    """The Splink settings: a saved model of the region when there is one, else an untrained one."""
    if model:
        return {**model, "linker_uid": None}
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": comparisons(),
        "blocking_rules_to_generate_predictions": blocking_rules(),
        "retain_intermediate_calculation_columns": True,
        "retain_matching_columns": True,
        "additional_columns_to_retain": [],
    }


def _row(record: MatchInput) -> dict:
    business = normalise.business_name(record.name)
    owner = normalise.person_name(record.owner_name)
    place = normalise.address(record.address, record.rt, record.rw)
    core = business.core or None
    rt_rw = f"{place.rt}/{place.rw}" if place.rt or place.rw else None
    return {
        "unique_id": record.id,
        "name_core": core,
        "name_tokens": business.core.split() if core else None,
        "name_prefix": core[:4] if core else None,
        "name_suffix": core[-4:] if core else None,
        "owner_key": owner.token_key or None,
        "owner_initial": owner.token_key[:1] or None,
        "owner_tokens": sorted(set(owner.tokens)) if owner.core else None,
        "nik": normalise.nik(record.nik) or None,
        "nib": normalise.nib(record.nib) or None,
        "phone": normalise.phone(record.phone) or None,
        "street": place.street or None,
        "rt_rw": rt_rw,
        "district": record.district or None,
        "village": record.village or None,
    }


def _schema():
    import pyarrow

    return pyarrow.schema(
        [
            ("unique_id", pyarrow.int64()),
            ("name_core", pyarrow.string()),
            ("name_tokens", pyarrow.list_(pyarrow.string())),
            ("name_prefix", pyarrow.string()),
            ("name_suffix", pyarrow.string()),
            ("owner_key", pyarrow.string()),
            ("owner_initial", pyarrow.string()),
            ("owner_tokens", pyarrow.list_(pyarrow.string())),
            ("nik", pyarrow.string()),
            ("nib", pyarrow.string()),
            ("phone", pyarrow.string()),
            ("street", pyarrow.string()),
            ("rt_rw", pyarrow.string()),
            ("district", pyarrow.string()),
            ("village", pyarrow.string()),
        ]
    )


def features(records: Iterable[MatchInput]):
    """Normalised comparison columns as a pyarrow table, one row per record (in memory only)."""
    import pyarrow

    return pyarrow.Table.from_pylist([_row(record) for record in records], schema=_schema())


def _connection():
    import duckdb

    connection = duckdb.connect(":memory:")
    # No spilling: a plain NIK must never be written to a temporary file.
    connection.execute("SET temp_directory = ''")
    connection.execute("SET preserve_insertion_order = false")
    return connection


def _labels(model: dict) -> dict[str, list[str]]:
    """comparison name → level labels by gamma value (the null level is -1 and is labelled apart)."""
    labels = {}
    for comparison in model["comparisons"]:
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        # Splink numbers the non-null levels from the last (0) to the first (n - 1).
        labels[comparison["output_column_name"]] = [level["label_for_charts"] for level in reversed(levels)]
    return labels


def match(
    records: Sequence[MatchInput],
    *,
    model: dict | None = None,
    train: bool = True,
    progress: Progress | None = None,
) -> MatchResult:
    """Score every blocked pair; train first (EM, no labels) unless a model is given and `train` is false."""
    from splink import DuckDBAPI, Linker
    from splink.internals.exceptions import EMTrainingException

    report = progress or (lambda _percent, _stage: None)
    result = MatchResult()
    if len(records) < 2:
        return result
    report(10, "normalise")
    table = features(records)
    connection = _connection()
    try:
        database = DuckDBAPI(connection)
        frame = database.register(table, table_name="enterprises")
        trained = train and len(records) >= MIN_TRAINING_RECORDS
        linker = Linker(
            frame, settings(model=None if trained else model or default_model()), log_level=logging.WARNING
        )
        if trained:
            report(25, "train")
            try:
                _train(linker, len(records))
            except (EMTrainingException, ValueError):
                # Splink raises ValueError (a log of 0) when the deterministic rules find no pair at all.
                logger.warning("EM training found too few pairs; using the saved or default model")
                trained = False
                linker = Linker(frame, settings(model=model or default_model()), log_level=logging.WARNING)
        result.trained = trained
        report(55, "predict")
        predictions = linker.inference.predict(threshold_match_probability=KEEP_PROBABILITY)
        result.model = linker.misc.save_model_to_json()
        labels = _labels(result.model)
        gamma_columns = ", ".join(f"gamma_{name}" for name in labels)
        weight_columns = ", ".join(f"mw_{name}" for name in labels)
        rows = connection.sql(
            f"SELECT unique_id_l, unique_id_r, match_probability, match_weight, {gamma_columns}, "
            f"{weight_columns} FROM {predictions.physical_name}"
        ).fetchall()
        count = len(labels)
        for left, right, probability, weight, *values in rows:
            gammas, weights = values[:count], values[count:]
            evidence = {
                name: ["missing" if gamma == -1 else labels[name][gamma], round(float(field_weight), 1)]
                for name, gamma, field_weight in zip(labels, gammas, weights, strict=True)
            }
            low, high = sorted((int(left), int(right)))
            result.predictions.append(Prediction(low, high, float(probability), float(weight), evidence))
    finally:
        connection.close()
    report(85, "store")
    return result


def _train(linker, size: int) -> None:
    from splink import block_on

    # λ from the one deterministic rule that occurs within a region (a NIB is held once per region).
    linker.training.estimate_probability_two_random_records_match(
        ["l.nik = r.nik AND l.name_core = r.name_core"], recall=0.5
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=MAX_U_PAIRS, seed=11, num_chunks=1)
    # Pairs of one owner (same NIK): the owner's name and phone agree by construction there (the register
    # keeps one owner per NIK), so naming them in the rule leaves them out of this session, which learns
    # the business name, place and address; the second session learns the owner fields.
    linker.training.estimate_parameters_using_expectation_maximisation(SAME_OWNER_RULE)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("district", "name_core"))


SAME_OWNER_RULE = (
    "l.nik = r.nik AND l.owner_key IS NOT DISTINCT FROM r.owner_key AND l.phone IS NOT DISTINCT FROM r.phone"
)


def clusters(
    predictions: Iterable[Prediction], threshold: float, forbidden: set[tuple[int, int]]
) -> list[list[int]]:
    """Connected records above the threshold, strongest links first, never joining a "not the same" pair."""
    parent: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    refused: dict[int, set[int]] = {}
    for left, right in forbidden:
        refused.setdefault(left, set()).add(right)
        refused.setdefault(right, set()).add(left)

    def root(node: int) -> int:
        parent.setdefault(node, node)
        members.setdefault(node, {node})
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for prediction in sorted(predictions, key=lambda item: -item.probability):
        if prediction.probability < threshold:
            break
        left, right = root(prediction.left_id), root(prediction.right_id)
        if left == right:
            continue
        left_refused = set().union(*(refused.get(node, set()) for node in members[left]))
        if left_refused & members[right]:
            continue
        if len(members[left]) < len(members[right]):
            left, right = right, left
        parent[right] = left
        members[left] |= members.pop(right)
    return [sorted(group) for node, group in members.items() if parent[node] == node and len(group) > 1]
