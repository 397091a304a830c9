"""Request-level middleware shared by every app."""

import logging
import time

logger = logging.getLogger("sahabat.request")


class RequestLogMiddleware:
    """Write one structured line per request: method, path, status, duration and user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


class InterfaceLanguageMiddleware:
    """Indonesian unless the user chose otherwise in the menu (the language cookie).

    The browser's Accept-Language is ignored on purpose: many officers use a browser set to English,
    and the platform's working language is Indonesian (LANGUAGE_CODE).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
