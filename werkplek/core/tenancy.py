"""How every page finds its organisation.

Organisation pages live under /o/<org>/. `member_required` resolves <org> among the user's own
active memberships only, so an organisation the user does not belong to is a 404, exactly
like a missing one. Views then reach data only through `*_visible_to(membership)` selectors.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from werkplek.accounts.models import Membership

# Facts the header shows for each of the user's memberships (e.g. the unread count), read in
# the same query as the memberships: name -> a function returning an expression over
# Membership. Apps register them in their AppConfig.ready().
MEMBERSHIP_ANNOTATIONS: dict[str, Callable[[], Any]] = {}


# Rows joined to the membership in that query (select_related paths), e.g. the
# organisation's follow-up settings.
MEMBERSHIP_RELATED: list[str] = []


def register_membership_annotation(name: str, expression: Callable[[], Any]) -> None:
    MEMBERSHIP_ANNOTATIONS[name] = expression


def register_membership_related(path: str) -> None:
    if path not in MEMBERSHIP_RELATED:
        MEMBERSHIP_RELATED.append(path)


def user_memberships(user) -> list[Membership]:
    """The user's active memberships (the organisation switcher), with the registered facts,
    in one query."""
    annotations = {name: make() for name, make in MEMBERSHIP_ANNOTATIONS.items()}
    memberships = list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation", *MEMBERSHIP_RELATED)
        .annotate(**annotations)
        .order_by("organisation__name", "id")
    )
    for membership in memberships:
        membership.user = user  # the signed-in user, already loaded: no second query
        membership.organisation.joined_with_membership = True  # MEMBERSHIP_RELATED are loaded
    return memberships


def membership_for(user, org_slug: str) -> tuple[Membership, list[Membership]]:
    """The membership of the URL's organisation, and all of the user's active memberships
    (the header's switcher): one query for both."""
    memberships = user_memberships(user)
    for membership in memberships:
        if membership.organisation.slug == org_slug:
            return membership, memberships
    raise Http404


def member_required(*roles: str) -> Callable:
    """Require an active membership of the URL's organisation, with one of `roles` if given.

    A member with another role gets 403: they know the organisation exists, the page is
    simply not for them.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, org: str, *args, **kwargs) -> HttpResponse:
            membership, memberships = membership_for(request.user, org)
            if roles and membership.role not in roles:
                raise PermissionDenied
            request.membership = membership
            request.organisation = membership.organisation
            request.user_memberships = memberships
            return view(request, *args, **kwargs)

        wrapper.member_roles = roles
        return wrapper

    return decorator
