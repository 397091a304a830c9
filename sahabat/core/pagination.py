"""Pagination that keeps the current filters in the page links."""

from django.core.paginator import Paginator

DEFAULT_PAGE_SIZE = 25


def paginate(request, queryset, *, per_page: int = DEFAULT_PAGE_SIZE) -> dict:
    page_obj = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page_obj": page_obj, "query_string": params.urlencode()}
