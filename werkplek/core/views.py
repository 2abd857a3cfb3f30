import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
from werkplek.core.tenancy import member_required

ORGANISATION_SESSION_KEY = "werkplek_organisation"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=request.user, is_active=True).select_related(
        "organisation"
    )
    last = request.session.get(ORGANISATION_SESSION_KEY)
    membership = (
        memberships.filter(organisation__slug=last).first()
        or memberships.order_by("organisation__name").first()
    )
    if membership is None:
        return render(request, "core/no_organisation.html")
    return redirect("org_home", org=membership.organisation.slug)


@member_required()
def organisation_home(request: HttpRequest) -> HttpResponse:
    request.session[ORGANISATION_SESSION_KEY] = request.organisation.slug
    role = request.membership.role
    if role in STAFF_ROLES:
        return redirect("notifications:home", org=request.organisation.slug)
    if role in MENTORING_ROLES:
        return redirect("notifications:today", org=request.organisation.slug)
    return redirect("portal:home", org=request.organisation.slug)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


RETRY_AFTER_SECONDS = 30
UNREACHABLE = (OperationalError, InterfaceError)


def health(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse(
            "database unavailable",
            content_type="text/plain",
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return HttpResponse("ok", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a styled page in the language already chosen for the request; a database
    that cannot be reached (or a locked SQLite) is a 503 with Retry-After, not a bug.
    Rendered without the request, so no context processor can query the database again."""
    if isinstance(sys.exception(), UNREACHABLE):
        return HttpResponse(
            loader.render_to_string("503.html"),
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return HttpResponseServerError(loader.render_to_string("500.html"))


@login_required
def health_signed_in(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: what every signed-in page must do (read the session, load the
    user) behind the default middleware, and nothing else. Says nothing about the user."""
    return HttpResponse("ok", content_type="text/plain")
