from django.db.models import QuerySet

from werkplek.accounts.models import Membership, Organisation


def memberships_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-is_active", "role", "user__full_name")
    )
