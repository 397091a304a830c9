"""Open data under /api/public/: anyone may read it, no login and no token."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from sahabat.core.errors import NotFound
from sahabat.portal.opendata import (
    DATASETS,
    LICENCE_URL,
    Dataset,
    dataset_csv,
    dataset_get,
    dataset_json,
    dataset_metadata,
)

router = Router(tags=["open data"], auth=None)


class FieldOut(Schema):
    name: str
    type: str
    description: str


class LicenceOut(Schema):
    name: str
    url: str
    attribution: str


class DatasetOut(Schema):
    name: str
    title: str
    description: str
    licence: LicenceOut
    small_count_threshold: int
    fields: list[FieldOut]
    json_url: str
    csv_url: str


def _dataset(name: str) -> Dataset:
    dataset = dataset_get(name)
    if dataset is None:
        raise NotFound("dataset.unknown", _("There is no dataset with this name."))
    return dataset


def _links(dataset: Dataset) -> dict:
    return {
        "json_url": f"/api/public/datasets/{dataset.name}.json",
        "csv_url": f"/api/public/datasets/{dataset.name}.csv",
    }


@router.get("/datasets", response=list[DatasetOut], summary="The open datasets and their data dictionaries")
def list_datasets(request):
    return [{**dataset_metadata(dataset), **_links(dataset)} for dataset in DATASETS.values()]


@router.get("/datasets/{dataset}.json", summary="One dataset as JSON, with its licence and data dictionary")
def dataset_as_json(request, dataset: str):
    found = _dataset(dataset)
    response = HttpResponse(
        json.dumps(dataset_json(found), cls=DjangoJSONEncoder, ensure_ascii=False),
        content_type="application/json",
    )
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


@router.get("/datasets/{dataset}.csv", summary="One dataset as CSV (UTF-8, comma-separated, a header row)")
def dataset_as_csv(request, dataset: str):
    found = _dataset(dataset)
    response = HttpResponse(dataset_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{found.name}.csv"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response
