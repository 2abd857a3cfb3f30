import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """A signed-in user's own language setting wins over the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """No page may use the camera, microphone, location, payment or USB APIs (a photo is
    taken through a file input, which needs none of them)."""

    POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class UrlLengthMiddleware:
    """An address (path and query string) longer than MAX_URL_LENGTH is a 414: in the API's
    error shape under /api/, else the styled error page in the reader's language. Without it
    an overlong search reached the database (SQLite refuses a LIKE pattern over 50,000 bytes:
    a 500) or was quietly answered. The app servers and nginx accept longer request lines, so
    it is this answer that a client gets (deploy/gunicorn.conf.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if len(request.get_full_path()) <= settings.MAX_URL_LENGTH:
            return self.get_response(request)
        message = _("The address is too long. Shorten the search or the filters.")
        if request.path.startswith("/api/"):
            from werkplek.api.errors import error

            return HttpResponse(
                json.dumps({"errors": [error("uri_too_long", message)]}),
                status=414,
                content_type="application/json; charset=utf-8",
            )
        return HttpResponse(
            loader.render_to_string("414.html", {"message": message}, request=request),
            status=414,
        )
