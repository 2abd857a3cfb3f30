import pytest

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.tests.factories import running
from werkplek.conftest import membership_of


@pytest.fixture
def trajectory(make_trajectory, organisation, mentor, trainee):
    """A running trajectory of the trainee persona, mentored by the mentor persona."""
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    return running(make_trajectory, mentors=[mentor], candidate=candidate, days_ago=60)


@pytest.fixture
def staff(coordinator, organisation):
    return membership_of(coordinator, organisation)
