"""Schemathesis generates requests from our own OpenAPI schema, valid and invalid ones, and
checks every answer: never a server error, always a documented status code, always the
documented shape. A few objects have fixed ids, so requests also reach real candidates,
trajectories and checklist items. The examples per operation are few, to keep the suite fast.
"""

from uuid import UUID

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from werkplek.api.services import api_token_create
from werkplek.api.tests.test_checklist_api import manual_item
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.checklists.models import ChecklistItem

CANDIDATE, TRAJECTORY, ITEM, MENTOR = (UUID(int=n) for n in range(1, 5))
KNOWN_IDS = [str(CANDIDATE), str(TRAJECTORY), str(ITEM), str(MENTOR)]

CONFIG = SchemathesisConfig.from_dict(
    {
        "dictionaries": {"ids": {"values": KNOWN_IDS}},
        "parameters": {
            "path.org": "autocars",
            "path.public_id": {"dictionary": "ids", "probability": 0.7},
            "query.trajectory": {"dictionary": "ids", "probability": 0.5},
            "body.candidate": {"dictionary": "ids", "probability": 0.7},
            "body.coordinator": {"dictionary": "ids", "probability": 0.5},
            "body.mentors[*]": {"dictionary": "ids", "probability": 0.7},
        },
        "generation": {"mode": "all", "max-examples": 6},
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.negative_data_rejection,
]


@pytest.fixture
def connection_kept():
    """Requests go through the WSGI application, which closes the database connection after
    each answer; Django's test client avoids that, and so must we, or the test's transaction
    (on PostgreSQL) goes with it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_token(connection_kept, organisation, coordinator, mentor, make_trajectory) -> str:
    mentor.public_id = MENTOR
    mentor.save()
    candidate = CandidateFactory(organisation=organisation, public_id=CANDIDATE)
    trajectory = make_trajectory(mentors=[mentor], candidate=candidate)
    trajectory.public_id = TRAJECTORY
    trajectory.save()
    item = manual_item(trajectory)  # one a person ticks
    ChecklistItem.objects.filter(pk=item.pk).update(public_id=ITEM)
    make_trajectory(mentors=[mentor], kind="stage")
    _token, secret = api_token_create(user=coordinator, name="schemathesis", can_write=True)
    return secret


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_answer_conforms_to_the_schema(case, api_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"}, checks=CHECKS)
