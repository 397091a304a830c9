"""Pagination that keeps the current filters in the page links, and the API's page-number pagination."""

from django.core.paginator import Paginator
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

DEFAULT_PAGE_SIZE = 25


def paginate(request, queryset, *, per_page: int = DEFAULT_PAGE_SIZE) -> dict:
    page_obj = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page_obj": page_obj, "query_string": params.urlencode()}


class PageNumberPagination(NinjaPageNumberPagination):
    """django-ninja's page numbers with an upper bound: a page number beyond any real list would
    otherwise reach the database as an offset past 64 bits and fail there (a 500 instead of a 422)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        # Any size may be asked for; the paginator caps it at the operation's max_page_size.
        page_size: int | None = Field(None, ge=1)
