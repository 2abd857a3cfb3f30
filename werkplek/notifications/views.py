from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from werkplek.accounts.models import MENTORING_ROLES, STAFF_ROLES, Membership
from werkplek.core.downloads import content_disposition
from werkplek.core.pagination import paginate, query_without_page
from werkplek.core.tenancy import member_required
from werkplek.notifications import home, services
from werkplek.notifications.agenda import agenda_for
from werkplek.notifications.calendar import calendar_ical
from werkplek.notifications.forms import DigestForm, InboxFilterForm
from werkplek.notifications.models import CalendarFeed
from werkplek.notifications.obligations import waiting_for
from werkplek.notifications.scanners import notification_details, notification_text
from werkplek.notifications.selectors import (
    calendar_feed_of,
    digest_frequency,
    inbox_for,
    notifications_visible_to,
    today_trajectories,
)

COMING_DAYS = 7
# Late entries shown per trainee on Today; the rest are counted and one click away (a trainee
# far behind has dozens: the page was ~1,300 entries for one mentor at sector scale).
LATE_SHOWN = 5
EVERY_ROLE = tuple(Membership.Role.values)  # everyone has an inbox


# --- Inbox ----------------------------------------------------------------------------------


def _with_text(notifications) -> list:
    for notification in notifications:
        notification.text = notification_text(notification.kind, notification.params)
        notification.details = notification_details(notification.params)
    return notifications


@member_required(*EVERY_ROLE)
def inbox(request: HttpRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET or None)
    unread_only = form.is_valid() and form.cleaned_data["show"] == "unread"
    page = paginate(request, inbox_for(request.membership, unread_only=unread_only))
    _with_text(page.object_list)
    context = {
        "page": page,
        "unread_only": unread_only,
        "query": query_without_page(request),
    }
    return render(request, "notifications/inbox.html", context)


@member_required(*EVERY_ROLE)
def notification_open(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Open what the notification is about, and count it as read."""
    notification = get_object_or_404(
        notifications_visible_to(request.membership), public_id=public_id
    )
    services.notification_mark_read(notification=notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("notifications:inbox", org=request.organisation.slug)


@member_required(*EVERY_ROLE)
@require_POST
def notification_mark_read_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    notification = get_object_or_404(
        notifications_visible_to(request.membership), public_id=public_id
    )
    services.notification_mark_read(notification=notification)
    if request.htmx:
        _with_text([notification])
        context = {"notification": notification, "oob": True}
        return render(request, "notifications/inbox.html#row", context)
    return redirect(_back_to_inbox(request))


@member_required(*EVERY_ROLE)
@require_POST
def inbox_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(membership=request.membership)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect(_back_to_inbox(request))


def _back_to_inbox(request: HttpRequest) -> str:
    url = reverse("notifications:inbox", kwargs={"org": request.organisation.slug})
    query = request.POST.get("query", "")
    return f"{url}?{query}" if query else url


# --- Today ----------------------------------------------------------------------------------


@member_required(*MENTORING_ROLES)
def today(request: HttpRequest) -> HttpResponse:
    day = timezone.localdate()
    until = day + timedelta(days=COMING_DAYS)
    page = paginate(request, today_trajectories(request.membership))
    trajectories = list(page.object_list)
    agendas = agenda_for(
        membership=request.membership,
        trajectory_ids=[trajectory.pk for trajectory in trajectories],
        today=day,
        until=until,
        late_limit=LATE_SHOWN,
        loaded={trajectory.pk: trajectory for trajectory in trajectories},
    )
    cards = [(trajectory, agendas[trajectory.pk]) for trajectory in trajectories]
    totals = {
        "late": sum(agenda.late_count for _t, agenda in cards),
        "today": sum(len(agenda.today) for _t, agenda in cards),
        "coming": sum(len(agenda.coming) for _t, agenda in cards),
    }
    context = {"page": page, "cards": cards, "today": day, "until": until, "totals": totals}
    context["waiting"] = waiting_for(membership=request.membership, today=day)
    return render(request, "notifications/today.html", context)


@member_required(*STAFF_ROLES)
def coordinator_home(request: HttpRequest) -> HttpResponse:
    day = timezone.localdate()
    late, late_total = home.late_work(request.membership, today=day)
    waiting, waiting_total = home.waiting_for(request.membership, today=day)
    context = {
        "today": day,
        "pipeline": home.pipeline(request.membership),
        "late": late,
        "late_total": late_total,
        "waiting": waiting,
        "waiting_total": waiting_total,
    }
    return render(request, "notifications/home.html", context)


# --- Personal settings: e-mail digest and calendar feed --------------------------------------


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DigestForm(request.POST or None, initial={"digest": digest_frequency(user)})
    if request.method == "POST":
        if form.is_valid():
            services.preference_set(user=user, digest=form.cleaned_data["digest"])
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("notification_settings:settings")
        return render(
            request, "notifications/settings.html", _settings_context(request, form), status=422
        )
    return render(request, "notifications/settings.html", _settings_context(request, form))


def _settings_context(request: HttpRequest, form: DigestForm) -> dict:
    feed = calendar_feed_of(request.user)
    feed_url = ""
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse(
                "notification_settings:calendar_feed",
                kwargs={"feed": feed.public_id, "token": feed.token},
            )
        )
    return {
        "form": form,
        "feed": feed,
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://"),
    }


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    had_feed = calendar_feed_of(request.user) is not None
    services.calendar_feed_renew(user=request.user)
    if had_feed:
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
    else:
        messages.success(request, _("Your calendar address is ready. Add it to your calendar app."))
    return redirect(reverse("notification_settings:settings") + "#calendar")


@login_required
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    if services.calendar_feed_revoke(user=request.user):
        messages.success(request, _("Your calendar address no longer works."))
    return redirect(reverse("notification_settings:settings") + "#calendar")


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, feed: UUID, token: str) -> HttpResponse:
    """The iCalendar file for calendar apps: no sign-in, the secret address is the key."""
    found = CalendarFeed.objects.select_related("user").filter(public_id=feed).first()
    if found is None or not found.user.is_active or not found.token_matches(token):
        raise Http404
    services.calendar_feed_fetched(feed=found)
    response = HttpResponse(
        calendar_ical(user=found.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition("werkplek.ics", attachment=False)
    return response
