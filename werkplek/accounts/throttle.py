"""Who is signing in from where, for django-axes.

Failed sign-ins are counted per (e-mail, address) as before, and also per address across
e-mails (AXES_IP_FAILURE_LIMIT): guessing 40 addresses from one IP no longer goes unnoticed.
The address is the direct peer's, unless that peer is in TRUSTED_PROXIES (the nginx of the
deployment): then the last address in X-Forwarded-For that is not a trusted proxy. A header
from anyone else is ignored, so a client cannot pick its own address.
"""

import math
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils import timezone


def client_ip(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    trusted = set(getattr(settings, "TRUSTED_PROXIES", []))
    if peer not in trusted:
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if hop not in trusted:
            return hop
    return peer


class ThrottleHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.ip_failures(request) >= (
            settings.AXES_IP_FAILURE_LIMIT
        )

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and self.ip_failures(request) >= settings.AXES_IP_FAILURE_LIMIT:
            request.axes_locked_out = True  # AxesMiddleware answers with the lock-out page

    def ip_failures(self, request) -> int:
        return ip_failures(request)


def ip_failures(request) -> int:
    """Failed sign-ins from the request's address over the cool-off, whatever the e-mail."""
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    found = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return found.aggregate(total=Sum("failures_since_start"))["total"] or 0


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The answer to a locked sign-in: the 429 page (in the reader's language: the locale
    middleware ran), saying why and when to come back, with Retry-After in seconds."""
    cool_off = get_cool_off(request) or timedelta(hours=settings.AXES_COOLOFF_TIME)
    seconds = max(1, math.ceil(cool_off.total_seconds()))
    context = {
        "sign_in": True,
        "by_address": ip_failures(request) >= settings.AXES_IP_FAILURE_LIMIT,
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(seconds / 60),
        "password_reset_url": reverse("password_reset"),
    }
    return HttpResponse(
        loader.render_to_string("429.html", context, request=request),
        status=429,
        headers={"Retry-After": str(seconds)},
    )
