"""Keyset ("cursor") pagination in the order of change: `updated_at`, then `public_id`.

Stable while rows are added or changed, a bounded number of queries per page, and the
natural order for a payroll or HR system that synchronises with `updated_since`.
"""

import base64
import binascii
from datetime import datetime
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from werkplek.api.errors import ApiError
from werkplek.api.schemas import ListQuery


def encode_cursor(item) -> str:
    raw = f"{item.updated_at.isoformat()}|{item.public_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, public_id = raw.split("|")
        return datetime.fromisoformat(moment), UUID(public_id)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise ApiError(
            422,
            "invalid_cursor",
            _("This cursor is not valid; start again without one."),
            field="cursor",
        ) from error


def cursor_page(request: HttpRequest, queryset: QuerySet, query: ListQuery) -> dict:
    if query.updated_since is not None:
        queryset = queryset.filter(updated_at__gte=query.updated_since)
    if query.cursor:
        moment, public_id = decode_cursor(query.cursor)
        queryset = queryset.filter(
            Q(updated_at__gt=moment) | Q(updated_at=moment, public_id__gt=public_id)
        )
    items = list(queryset.order_by("updated_at", "public_id")[: query.limit + 1])
    next_cursor = encode_cursor(items[query.limit - 1]) if len(items) > query.limit else None
    next_url = None
    if next_cursor:
        params = request.GET.copy()
        params["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"items": items[: query.limit], "next_cursor": next_cursor, "next": next_url}
