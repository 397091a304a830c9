"""The active region and the regions the user can switch to, for the page header."""

from sahabat.accounts.selectors import regions_of


def region_context(request):
    if not hasattr(request, "actor") or not request.actor.is_authenticated:
        return {"region_context": {}}
    return {"region_context": {"current": request.region, "choices": list(regions_of(request.actor))}}
