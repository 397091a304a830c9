"""Set-up reads for devices and integrations: the caller's events and an event's booths."""

from datetime import date

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from sahabat.core.pagination import PageNumberPagination
from sahabat.events.selectors.setup import booths_for_recording, event_list, event_phase

router = Router(tags=["events"])

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class EventOut(Schema):
    id: int
    name: str
    venue: str
    region: str = Field(description="Code of the host regency or city, e.g. 35.09")
    main_start: date
    main_end: date
    window_start: date = Field(description="Sales count from this day (in the region's zone)")
    window_end: date = Field(description="Sales count until this day, inclusive")
    target_visitors: int
    target_turnover: int = Field(description="Whole rupiah")
    status: str = Field(description="draft, published or cancelled")
    phase: str = Field(description="upcoming, window, main_days or finished, today in the region's zone")

    @staticmethod
    def resolve_region(event) -> str:
        return event.region.code

    @staticmethod
    def resolve_phase(event) -> str:
        return event_phase(event)


class BoothOut(Schema):
    code: str
    zone: str = Field(description="Zone code")
    zone_name: str
    category: str
    enterprise_id: int | None = Field(description="The enterprise approved for the booth, if any")
    enterprise: str | None = Field(description="Its business name")

    @staticmethod
    def resolve_zone(booth) -> str:
        return booth.zone.code

    @staticmethod
    def resolve_zone_name(booth) -> str:
        return booth.zone.name

    @staticmethod
    def resolve_enterprise(booth) -> str | None:
        return booth.enterprise_name


@router.get("", response=list[EventOut], summary="Events of the regions where the caller may view events")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_events(request, search: str = ""):
    return event_list(actor=request.auth, search=search)


@router.get(
    "/{event_id}/booths",
    response=list[BoothOut],
    summary="Booths of an event with their approved enterprise: the list a cashier device chooses from",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_booths(request, event_id: int):
    return booths_for_recording(actor=request.auth, event_id=event_id)
