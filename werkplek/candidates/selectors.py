from django.db.models import Q, QuerySet

from werkplek.accounts.models import Membership
from werkplek.candidates.models import Candidate
from werkplek.core.search import search_words


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
    """Candidates whose name or e-mail address holds every word, wherever in the word and
    whatever the accents or case ("celine" finds "Céline"): one indexed column."""
    for word in search_words(text):
        queryset = queryset.filter(search_key__contains=word)
    return queryset


def search_condition(prefix: str, text: str) -> Q:
    """The same search through a relation, e.g. prefix "candidate__": a join rather than
    IN (subquery)."""
    condition = Q()
    for word in search_words(text):
        condition &= Q(**{f"{prefix}search_key__contains": word})
    return condition
