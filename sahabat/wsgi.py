"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahabat.settings")

application = get_wsgi_application()

# Import the URLconf (every app's views and the API with its schemas) now rather than in the first
# request, which would otherwise take about a second longer than the others: with
# gunicorn_conf.preload_app the master does it once for all workers.
from django.urls import get_resolver  # noqa: E402 - needs the settings configured above

get_resolver().url_patterns  # noqa: B018 - read for the import it causes
