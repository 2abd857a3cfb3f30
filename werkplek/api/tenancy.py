"""How an API operation finds its organisation: the API twin of `core.tenancy`.

`@api_member(*roles)` adds the `{org}` path parameter to the operation, resolves it among
the caller's own active memberships only (another organisation, or a missing one, is a
404), refuses other roles with 403 and refuses changes through a read-only token with 403.
Operations then reach data only through `*_visible_to(request.membership)` selectors, so
another organisation's object is a 404 as well.
"""

from collections.abc import Callable
from functools import partial, wraps

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path
from ninja.operation import Operation
from ninja.utils import contribute_operation_args, contribute_operation_callback

from werkplek.accounts.models import Membership
from werkplek.api.auth import may_write
from werkplek.api.errors import ApiError

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
ORG_PARAMETER = Path(
    ...,
    pattern=r"^[-a-zA-Z0-9_]+$",
    max_length=60,
    description="The organisation's short name, as in /o/<org>/ on the website.",
)


def api_membership(request: HttpRequest, org: str) -> Membership:
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=request.auth, organisation__slug=org, is_active=True)
        .first()
    )
    if membership is None:
        raise ApiError(404, "not_found", _("No such organisation, or you are not a member of it."))
    return membership


def api_member(*roles: str) -> Callable:
    def decorator(operation: Callable) -> Callable:
        @wraps(operation)
        def wrapper(request: HttpRequest, org: str, **kwargs):
            membership = api_membership(request, org)
            if roles and membership.role not in roles:
                raise ApiError(403, "role_not_allowed", _("Your role does not allow this."))
            if request.method not in SAFE_METHODS and not may_write(request):
                raise ApiError(
                    403, "read_only_token", _("This API token may only read, not make changes.")
                )
            request.membership = membership
            request.organisation = membership.organisation
            return operation(request, **kwargs)

        # functools.wraps shared the wrapped function's lists; this wrapper gets its own.
        for name in ("_ninja_contribute_args", "_ninja_contribute_to_operation"):
            if hasattr(wrapper, name):
                setattr(wrapper, name, list(getattr(wrapper, name)))
        contribute_operation_args(wrapper, "org", str, ORG_PARAMETER)
        contribute_operation_callback(wrapper, partial(_document_roles, roles))
        wrapper.member_roles = roles
        return wrapper

    return decorator


def _document_roles(roles: tuple[str, ...], operation: Operation) -> None:
    names = ", ".join(roles) if roles else "every member"
    operation.description = f"{operation.description}\n\nRoles: {names}.".strip()
    operation.openapi_extra = {**(operation.openapi_extra or {}), "x-roles": list(roles)}
