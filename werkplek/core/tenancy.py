"""How every page finds its organisation.

Organisation pages live under /o/<org>/. `member_required` resolves <org> among the user's own
active memberships only, so an organisation the user does not belong to is a 404, exactly
like a missing one. Views then reach data only through `*_visible_to(membership)` selectors.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from werkplek.accounts.models import Membership


def membership_for(user, org_slug: str) -> Membership:
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=org_slug, is_active=True)
        .first()
    )
    if membership is None:
        raise Http404
    membership.user = user  # the signed-in user, already loaded: no second query
    return membership


def member_required(*roles: str) -> Callable:
    """Require an active membership of the URL's organisation, with one of `roles` if given.

    A member with another role gets 403: they know the organisation exists, the page is
    simply not for them.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, org: str, *args, **kwargs) -> HttpResponse:
            membership = membership_for(request.user, org)
            if roles and membership.role not in roles:
                raise PermissionDenied
            request.membership = membership
            request.organisation = membership.organisation
            return view(request, *args, **kwargs)

        wrapper.member_roles = roles
        return wrapper

    return decorator
