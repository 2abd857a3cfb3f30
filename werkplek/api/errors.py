"""Every 4xx answer of the API has one shape: {"errors": [{"field", "code", "message"}]}.

`field` names the input that is wrong (dotted for nested input, null when the error is about
the request as a whole), `code` is stable for programs, `message` is for people, in the
request's language (Accept-Language, default Dutch).
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from werkplek.trajectories.transitions import TransitionRefused

logger = logging.getLogger(__name__)

NON_FIELD = "__all__"


class ApiError(Exception):
    """Raise anywhere in an operation to answer with a structured error."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        errors: list[dict[str, Any]] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.errors = errors or [error(code, message, field=field)]


def error(code: str, message: str, *, field: str | None = None) -> dict[str, Any]:
    return {"field": field, "code": code, "message": str(message)}


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("Not found, or not yours to see."))


def errors_from_django(exc: DjangoValidationError) -> list[dict[str, Any]]:
    """A Django ValidationError (from a form or a service) as structured errors."""
    if hasattr(exc, "error_dict"):
        found = []
        for name, field_errors in exc.error_dict.items():
            for item in field_errors:
                found.extend(_each(item, None if name == NON_FIELD else name))
        return found
    return [e for item in exc.error_list for e in _each(item, None)]


def errors_from_form(form) -> list[dict[str, Any]]:
    found = []
    for name, field_errors in form.errors.as_data().items():
        for item in field_errors:
            found.extend(_each(item, None if name == NON_FIELD else name))
    return found


def _each(item: DjangoValidationError, field: str | None) -> list[dict[str, Any]]:
    return [error(item.code or "invalid", message, field=field) for message in item.messages]


# --- Messages for input that does not even have the right type (pydantic) -------------------

PYDANTIC_MESSAGES = {
    "missing": lambda: _("This field is required."),
    "string_type": lambda: _("Enter text."),
    "string_too_long": lambda: _("This text is too long."),
    "string_pattern_mismatch": lambda: _("This value has the wrong form."),
    "int_parsing": lambda: _("Enter a whole number."),
    "int_type": lambda: _("Enter a whole number."),
    "int_from_float": lambda: _("Enter a whole number."),
    "float_parsing": lambda: _("Enter a number."),
    "decimal_parsing": lambda: _("Enter a number."),
    "bool_parsing": lambda: _("Enter true or false."),
    "bool_type": lambda: _("Enter true or false."),
    "date_parsing": lambda: _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": lambda: _("Enter a date as YYYY-MM-DD."),
    "date_type": lambda: _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": lambda: _("Enter a date and time as YYYY-MM-DDTHH:MM:SS+01:00."),
    "datetime_from_date_parsing": lambda: _("Enter a date and time as YYYY-MM-DDTHH:MM:SS+01:00."),
    "datetime_type": lambda: _("Enter a date and time as YYYY-MM-DDTHH:MM:SS+01:00."),
    "uuid_parsing": lambda: _("Enter an identifier (UUID)."),
    "uuid_type": lambda: _("Enter an identifier (UUID)."),
    "enum": lambda: _("Choose one of the allowed values."),
    "literal_error": lambda: _("Choose one of the allowed values."),
    "list_type": lambda: _("Enter a list."),
    "model_type": lambda: _("Enter an object."),
    "dict_type": lambda: _("Enter an object."),
    "json_invalid": lambda: _("The request body is not valid JSON."),
    "extra_forbidden": lambda: _("This field is unknown."),
    "greater_than_equal": lambda: _("This value is too small."),
    "greater_than": lambda: _("This value is too small."),
    "less_than_equal": lambda: _("This value is too large."),
    "less_than": lambda: _("This value is too large."),
}


def errors_from_pydantic(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in errors:
        location = [str(part) for part in item.get("loc", ())]
        # ("body", "<parameter>", "email") and ("query", "limit") both become the input's name.
        location = location[2:] if location and location[0] == "body" else location[1:]
        code = item.get("type", "invalid")
        if code == "value_error":  # our own validators: their message is the message
            message = str(item.get("ctx", {}).get("error", item.get("msg", "")))
        else:
            message = (
                PYDANTIC_MESSAGES[code]() if code in PYDANTIC_MESSAGES else item.get("msg", "")
            )
        found.append(error(code, message, field=".".join(location) or None))
    return found


# --- Handlers ------------------------------------------------------------------------------

HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    414: "uri_too_long",
    429: "too_many_requests",
}


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, errors: list[dict]) -> HttpResponse:
        return api.create_response(request, {"errors": errors}, status=status)

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.errors)

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc: NinjaValidationError):
        return respond(request, 422, errors_from_pydantic(exc.errors))

    @api.exception_handler(DjangoValidationError)
    def invalid_data(request, exc: DjangoValidationError):
        return respond(request, 422, errors_from_django(exc))

    @api.exception_handler(TransitionRefused)
    def transition_refused(request, exc: TransitionRefused):
        return respond(
            request, 409, [error("transition_refused", reason) for reason in exc.reasons]
        )

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc: AuthenticationError):
        message = _("Sign in, or send a personal API token: “Authorization: Bearer <token>”.")
        return respond(request, 401, [error("not_authenticated", message)])

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        status = exc.status_code
        if status == 400:  # ninja could not parse the body
            found = error("invalid_json", _("The request body is not valid JSON."))
        elif status == 403:  # ninja's CSRF check of a signed-in session
            found = error(
                "csrf_failed",
                _("With a signed-in session, changes need the X-CSRFToken header."),
            )
        elif status == 429:
            found = error("too_many_requests", _("Too many requests; try again later."))
        else:
            found = error(HTTP_CODES.get(status, "error"), exc.message)
        return respond(request, status, [found])

    @api.exception_handler(Http404)
    def missing(request, exc: Http404):
        return respond(request, 404, not_found().errors)

    @api.exception_handler(PermissionDenied)
    def denied(request, exc: PermissionDenied):
        return respond(request, 403, [error("forbidden", _("Your role does not allow this."))])

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: RequestDataTooBig):
        return respond(request, 413, [error("too_large", _("The request is too large."))])

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc: SuspiciousOperation):
        return respond(request, 400, [error("bad_request", _("The request could not be read."))])

    @api.exception_handler(Exception)
    def unexpected(request, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        message = _("Something went wrong on our side; it has been logged.")
        return respond(request, 500, [error("server_error", message)])
