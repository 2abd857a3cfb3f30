"""What every part of the API shares: input types, the error shape, the page of results."""

import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, StrictBool, WithJsonSchema


def _without_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("Null characters are not allowed."))
    return value


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

# A time of day on the clock of the organisation (Europe/Brussels), sent as "09:30:00". Not
# JSON Schema's "time" format: that is RFC 3339's full-time, which must carry an offset.
TimeOfDay = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$",
            "description": "A local time of day (Europe/Brussels), HH:MM:SS, without offset.",
            "examples": ["09:30:00"],
        }
    ),
]


def _iso_only(value: Any) -> Any:
    """Dates are ISO 8601 text; no Unix timestamps (pydantic would accept "0.5")."""
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError(_("Enter the date in ISO 8601, e.g. 2026-09-01."))
    if isinstance(value, int | float):
        raise ValueError(_("Enter the date in ISO 8601, e.g. 2026-09-01."))
    return value


def _moment(value: datetime) -> datetime:
    """A moment in a sensible range; without a time zone it is Belgian time."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        in_utc = value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError(_("Enter a moment between the years 1900 and 2999.")) from error
    if not 1900 <= in_utc.year <= 2999:
        raise ValueError(_("Enter a moment between the years 1900 and 2999."))
    return value


def _day(value: date) -> date:
    if not 1900 <= value.year <= 2999:
        raise ValueError(_("Enter a date between the years 1900 and 2999."))
    return value


Text = Annotated[str, AfterValidator(_without_nul)]
Moment = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_moment)]
Day = Annotated[date, BeforeValidator(_iso_only), AfterValidator(_day)]
Flag = StrictBool  # true or false, not 0, 1 or "yes"


class InputSchema(Schema):
    """A request body: unknown fields are refused, so a typo (or `status`) is never ignored."""

    model_config = ConfigDict(extra="forbid")


class ErrorItem(Schema):
    field: str | None = Field(description="The input that is wrong; null for the whole request.")
    code: str = Field(description="Stable, for programs: e.g. required, invalid, not_found.")
    message: str = Field(description="For people, in the request's language.")


class ErrorOut(Schema):
    errors: list[ErrorItem]


class Page[T](Schema):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )
    next: str | None = Field(description="The address of the next page; null on the last page.")


class ListQuery(Schema):
    updated_since: Moment | None = Field(
        None,
        description=(
            "Only what changed at or after this moment (ISO 8601; Belgian time when no offset "
            "is given). To synchronise, pass the largest `updated_at` you saw last time."
        ),
    )
    cursor: Text | None = Field(None, max_length=200, description="From `next_cursor`.")
    limit: int = Field(50, ge=1, le=200, description="Results per page.")


class PersonOut(Schema):
    id: UUID
    full_name: str
    email: str

    @staticmethod
    def resolve_id(user) -> UUID:
        return user.public_id


def responses(ok: int, model, *errors: int) -> dict:
    """Response models of an operation: the success and every error it can answer.

    401 (no valid token), 404 (another organisation, or not yours), 414 (an address too
    long: core.middleware.UrlLengthMiddleware), 422 (bad input) and 429 (over the rate limit)
    can happen everywhere; add 403, 409 where they apply.
    """
    codes = {401, 404, 414, 422, 429, *errors}
    return {ok: model, **dict.fromkeys(sorted(codes), ErrorOut)}
