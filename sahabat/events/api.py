"""Ingestion API for booth phones and gate counters (device tokens or a cashier's session)."""

from collections import Counter

from ninja import Router

from sahabat.events.schemas import BatchResultOut, SaleBatchIn, VisitorBatchIn
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


@router.post(
    "/{event_id}/sales",
    response=BatchResultOut,
    summary="Record a batch of booth sales (up to 1,000); each item answers created, duplicate or rejected",
)
def post_sales(request, event_id: int, payload: SaleBatchIn):
    # The schema items carry SaleIn's attributes; converting 1,000 of them costs more than storing them.
    return _batch_result(sale_record_batch(actor=request.auth, event_id=event_id, items=payload.items))


@router.post("/{event_id}/visitors", response=BatchResultOut, summary="Record a batch of gate visitor counts")
def post_visitors(request, event_id: int, payload: VisitorBatchIn):
    return _batch_result(
        visitor_count_record_batch(actor=request.auth, event_id=event_id, items=payload.items)
    )
