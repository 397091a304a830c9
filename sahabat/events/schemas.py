"""Input and output shapes of the events API."""

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema
from pydantic import BaseModel

from sahabat.events.models import BuyerType, PaymentMethod
from sahabat.events.services.ledger import MAX_BATCH


# Batch inputs are plain pydantic models: ninja's Schema wraps every item for Django attribute access,
# which costs ~8x more to parse for a 500-item batch and is not needed for plain JSON.
class SaleItemIn(BaseModel):
    client_uuid: UUID = Field(
        description="Generated on the device; resending the same UUID never counts twice."
    )
    booth: str = Field(max_length=20, description="Booth code, e.g. A-001")
    amount: int = Field(description="Whole rupiah; negative only for a reversal")
    occurred_at: datetime = Field(
        description="When the sale happened; without an offset it is read in the region's zone"
    )
    payment_method: PaymentMethod = PaymentMethod.CASH
    buyer_type: BuyerType = BuyerType.PUBLIC
    items: int = Field(1, ge=1, le=100_000)
    reversal_of: UUID | None = Field(None, description="client_uuid of the sale this entry reverses")


class SaleBatchIn(BaseModel):
    items: list[SaleItemIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class VisitorCountItemIn(BaseModel):
    client_uuid: UUID
    gate: str = Field(max_length=40)
    period_start: datetime
    period_end: datetime
    count: int = Field(ge=0, le=10_000_000)


class VisitorBatchIn(BaseModel):
    items: list[VisitorCountItemIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class ItemError(Schema):
    field: str | None
    code: str
    message: str


class ItemResultOut(Schema):
    index: int
    client_uuid: str
    status: str = Field(description="created, duplicate or rejected")
    errors: list[ItemError] = []


class BatchResultOut(Schema):
    created: int
    duplicate: int
    rejected: int
    results: list[ItemResultOut]


def inline_json_schema(model: type[BaseModel]) -> dict:
    """The model's JSON schema with its nested models written out in place, for an operation whose
    body is read by the view itself (its `$defs` would not resolve inside the OpenAPI document)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    return resolve(schema)
