"""Ingestion API for booth phones and gate counters (device tokens or a cashier's session)."""

from collections import Counter

import pydantic
import pydantic_core
from django.http import HttpResponse
from ninja import Router
from ninja.errors import HttpError, ValidationError

from sahabat.events.schemas import BatchResultOut, SaleBatchIn, VisitorBatchIn, inline_json_schema
from sahabat.events.services.ledger import sale_record_batch, visitor_count_record_batch

router = Router(tags=["events"])


def _batch_result(results) -> dict:
    counts = Counter(result.status for result in results)
    return {
        "created": counts["created"],
        "duplicate": counts["duplicate"],
        "rejected": counts["rejected"],
        "results": results,
    }


def _sales_batch(request) -> SaleBatchIn:
    """The request body read by pydantic straight from the JSON bytes.

    Ninja would decode the JSON into Python objects first and validate those, which takes about
    three times as long for a batch of 500 (UUIDs and datetimes parsed from Python strings). The
    errors keep the shape that ninja gives (422, `items.3.amount`); broken JSON is a 400 as before.
    """
    try:
        return SaleBatchIn.model_validate_json(request.body or b"{}")
    except pydantic.ValidationError as error:
        problems = error.errors(include_url=False, include_context=False, include_input=False)
        if any(problem["type"] == "json_invalid" for problem in problems):
            raise HttpError(400, "Cannot parse request body") from error
        raise ValidationError(
            [{**problem, "loc": ("body", "payload", *problem["loc"])} for problem in problems]
        ) from error


def _sales_response(results) -> HttpResponse:
    """The batch answer as BatchResultOut documents it, encoded directly: validating 500 result
    objects through the response schema cost more than recording the sales. pydantic-core writes the
    ItemResult dataclasses (index, client_uuid, status, errors) as they are, in UTF-8."""
    return HttpResponse(pydantic_core.to_json(_batch_result(results)), content_type="application/json")


@router.post(
    "/{event_id}/sales",
    response=BatchResultOut,
    summary="Record a batch of booth sales (up to 1,000); each item answers created, duplicate or rejected",
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": inline_json_schema(SaleBatchIn)}},
            "required": True,
        }
    },
)
def post_sales(request, event_id: int):
    # The schema items carry SaleIn's attributes; converting 1,000 of them costs more than storing them.
    items = _sales_batch(request).items
    return _sales_response(sale_record_batch(actor=request.auth, event_id=event_id, items=items))


@router.post("/{event_id}/visitors", response=BatchResultOut, summary="Record a batch of gate visitor counts")
def post_visitors(request, event_id: int, payload: VisitorBatchIn):
    return _batch_result(
        visitor_count_record_batch(actor=request.auth, event_id=event_id, items=payload.items)
    )
