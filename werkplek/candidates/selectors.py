from django.db.models import Q, QuerySet

from werkplek.accounts.models import Membership
from werkplek.candidates.models import Candidate


def candidates_visible_to(membership: Membership) -> QuerySet[Candidate]:
    """Staff see every candidate of their organisation; mentors those they mentor."""
    candidates = Candidate.objects.filter(organisation=membership.organisation)
    if membership.is_staff_role:
        return candidates
    if membership.role == Membership.Role.MENTOR:
        return candidates.filter(trajectories__mentors=membership.user).distinct()
    if membership.role == Membership.Role.TRAINEE:
        return candidates.filter(user=membership.user)
    return candidates.none()


def candidates_search(queryset: QuerySet[Candidate], text: str) -> QuerySet[Candidate]:
    for word in text.split()[:5]:
        queryset = queryset.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return queryset
