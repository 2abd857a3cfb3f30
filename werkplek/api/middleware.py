import json

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from werkplek.api.errors import HTTP_CODES, error

API_PREFIX = "/api/"


class ApiErrorShapeMiddleware:
    """Answers under /api/ that no API operation produced (an unknown address, a method the
    address does not have, a request Django refused) get the API's error shape too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.streaming
            and response.get("Content-Type", "").split(";")[0] != "application/json"
        ):
            status = response.status_code
            messages = {
                404: _("There is nothing at this address."),
                405: _("This address does not accept %(method)s.") % {"method": request.method},
            }
            message = messages.get(status, response.reason_phrase)
            body = {"errors": [error(HTTP_CODES.get(status, "error"), message)]}
            response.content = json.dumps(body).encode()
            response["Content-Type"] = "application/json; charset=utf-8"
        return response
