"""Live progress of an event as JSON, for officers' own tools; the same selector as the dashboard page."""

from datetime import date, datetime

from ninja import Field, Router, Schema

from sahabat.events.selectors.progress import event_progress

router = Router(tags=["events"])


class GroupOut(Schema):
    key: str
    label: str
    turnover: int
    sales_count: int
    enterprises: int = Field(
        description="Enterprises that sold in the group; 0 for payment methods and buyers"
    )
    share: float = Field(description="Percentage of the event's turnover")


class TopEnterpriseOut(Schema):
    enterprise_id: int
    name: str
    origin: str
    sector: str
    booths: list[str]
    turnover: int
    sales_count: int


class HourOut(Schema):
    hour: int = Field(description="Local hour (0–23) of series_day in the region's zone")
    turnover: int
    sales_count: int
    visitors: int


class DayOut(Schema):
    day: date
    turnover: int
    sales_count: int
    visitors: int
    is_main_day: bool


class ProgressOut(Schema):
    event_id: int
    name: str
    region_name: str
    timezone_abbreviation: str
    status: str
    as_of: datetime
    phase: str = Field(description="upcoming, before_main_days, main_days, after_main_days or ended")
    window_start: date
    window_end: date
    main_start: date
    main_end: date
    turnover: int
    sales_count: int
    visitors: int
    target_turnover: int
    target_visitors: int
    turnover_share: float | None = Field(
        description="Percentage of the turnover target; null without a target"
    )
    visitor_share: float | None
    days_total: int
    days_elapsed: int
    days_remaining: int = Field(description="Days of the reporting window left, today included")
    main_days_total: int
    main_days_elapsed: int
    main_days_remaining: int
    turnover_needed_per_day: int | None
    visitors_needed_per_day: int | None = Field(description="Per remaining main day")
    turnover_rate_per_day: int | None
    visitors_rate_per_day: int | None
    turnover_projection: int | None = Field(
        description="Straight-line projection to the end of the window from the average per hour so far"
    )
    visitors_projection: int | None = Field(description="Likewise, to the end of the main days")
    series_day: date
    hourly: list[HourOut]
    daily: list[DayOut]
    by_zone: list[GroupOut]
    by_sector: list[GroupOut]
    by_origin: list[GroupOut]
    by_payment_method: list[GroupOut]
    by_buyer_type: list[GroupOut]
    top_enterprises: list[TopEnterpriseOut]


@router.get(
    "/{event_id}/progress",
    response=ProgressOut,
    summary="Turnover and visitors against the targets, pace, projection, series and breakdowns",
)
def get_progress(request, event_id: int):
    return event_progress(actor=request.auth, event_id=event_id)
