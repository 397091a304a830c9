"""Home page, health check and error pages."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sahabat.core.health import database_status


def home(request):
    return render(request, "core/home.html")


@require_GET
@never_cache
def healthz(request):
    healthy, details = database_status()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **details}, status=200 if healthy else 503
    )


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
