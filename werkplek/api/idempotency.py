"""`Idempotency-Key` on the API's creates: a create sent again with the same key (a retry
after a timeout) answers with what the first one made instead of making a second.

The key is the client's (any text up to 200 characters, e.g. a UUID); it is kept per person
and per operation (core.idempotency.submit_once) for two days.
"""

from uuid import NAMESPACE_URL, UUID, uuid5

from django.utils.translation import gettext as _

from werkplek.api.errors import ApiError

HEADER = "Idempotency-Key"


def idempotency_token(request, action: str) -> UUID | None:
    """The token for submit_once from the request's Idempotency-Key, or None without one."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return None
    if len(key) > 200:
        raise ApiError(
            400, "invalid_idempotency_key", _("An Idempotency-Key has at most 200 characters.")
        )
    return uuid5(NAMESPACE_URL, f"werkplek:{request.user.pk}:{action}:{key}")
