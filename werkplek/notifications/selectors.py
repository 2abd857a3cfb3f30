from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from werkplek.accounts.models import Membership, Organisation, User
from werkplek.notifications.models import CalendarFeed, Notification, NotificationPreference
from werkplek.trajectories.models import OPEN_STATUSES, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to


def notifications_visible_to(membership: Membership) -> QuerySet[Notification]:
    """A member's own notifications in this organisation; nobody reads another's inbox."""
    return Notification.objects.filter(
        recipient=membership.user, organisation=membership.organisation
    )


def inbox_for(membership: Membership, *, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = notifications_visible_to(membership)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


UNREAD = "unread_notifications"


def unread_annotation() -> Coalesce:
    """A membership's unread count as an expression (the header reads it with the
    memberships: core.tenancy.register_membership_annotation)."""
    unread = (
        Notification.objects.filter(
            recipient=OuterRef("user"), organisation=OuterRef("organisation"), read_at__isnull=True
        )
        .order_by()
        .values("recipient")
        .annotate(total=Count("id"))
        .values("total")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def unread_count(*, user: User, organisation: Organisation) -> int:
    return Notification.objects.filter(
        recipient=user, organisation=organisation, read_at__isnull=True
    ).count()


def trajectories_followed_by(membership: Membership) -> QuerySet[Trajectory]:
    """The trajectories that are this member's own business: a mentor's trainees, the
    trajectories a coordinator coordinates or mentors, a trainee's own."""
    trajectories = trajectories_visible_to(membership)
    if membership.is_staff_role:
        trajectories = trajectories.filter(
            Q(coordinator=membership.user) | Q(mentors=membership.user)
        ).distinct()
    return trajectories


def today_trajectories(membership: Membership) -> QuerySet[Trajectory]:
    return (
        trajectories_followed_by(membership)
        .filter(status__in=OPEN_STATUSES)
        .select_related("candidate", "organisation")
        .order_by("candidate__first_name", "candidate__last_name", "id")
    )


def digest_frequency(user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.digest if preference else NotificationPreference.Digest.DAILY


def calendar_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()
