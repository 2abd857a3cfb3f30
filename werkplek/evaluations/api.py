"""/api/v1/organisations/{org}/evaluations: interim and final evaluations, read-only.

Mentors and staff read the evaluations of the trajectories they see, with the self-assessment
and the mentor's levels per competence, action points and signatures (the same data as the
printed report, `selectors.evaluation_report`). Changes go through the website.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from werkplek.accounts.models import MENTORING_ROLES
from werkplek.api.pagination import cursor_page
from werkplek.api.schemas import ListQuery, Page, responses
from werkplek.api.tenancy import api_member
from werkplek.evaluations.models import Evaluation
from werkplek.evaluations.selectors import evaluation_report, evaluations_visible_to

router = Router(tags=["evaluations"])


class EvaluationOut(Schema):
    id: UUID
    trajectory: UUID
    kind: Literal[tuple(Evaluation.Kind.values)]
    status: Literal[tuple(Evaluation.Status.values)]
    scheduled_on: date
    held_on: date | None
    version: int
    previous: UUID | None = Field(description="The signed version this one corrects.")
    locked_at: datetime | None = Field(description="When every party had signed.")
    judgement: str = Field(description="Final evaluation: reached, partly, not_reached or ''.")
    updated_at: datetime

    @staticmethod
    def resolve_id(evaluation: Evaluation) -> UUID:
        return evaluation.public_id

    @staticmethod
    def resolve_trajectory(evaluation: Evaluation) -> UUID:
        return evaluation.trajectory.public_id

    @staticmethod
    def resolve_previous(evaluation: Evaluation) -> UUID | None:
        return evaluation.previous.public_id if evaluation.previous_id else None


class CompetenceRowOut(Schema):
    competence: str
    self_level: int | None
    self_comment: str
    mentor_level: int | None
    mentor_comment: str


class ActionPointOut(Schema):
    text: str
    competence: str
    planned_as: str


class SignatureOut(Schema):
    party: str
    name: str
    signed_at: datetime
    on_behalf: bool
    on_behalf_reason: str


class EvaluationDetailOut(EvaluationOut):
    strengths: str
    improvements: str
    competences: list[CompetenceRowOut]
    action_points: list[ActionPointOut]
    signatures: list[SignatureOut]

    @staticmethod
    def resolve_competences(evaluation: Evaluation) -> list[dict]:
        return evaluation.report["competences"]

    @staticmethod
    def resolve_action_points(evaluation: Evaluation) -> list[dict]:
        return evaluation.report["action_points"]

    @staticmethod
    def resolve_signatures(evaluation: Evaluation) -> list[dict]:
        return evaluation.report["signatures"]


class EvaluationQuery(ListQuery):
    trajectory: UUID | None = Field(None, description="Only this trajectory's evaluations.")


def _evaluations(request):
    return evaluations_visible_to(request.membership).select_related("trajectory", "previous")


@router.get("", response=responses(200, Page[EvaluationOut], 403))
@api_member(*MENTORING_ROLES)
def evaluation_list(request, query: Query[EvaluationQuery]):
    """Evaluations of the trajectories you see, in the order they changed."""
    evaluations = _evaluations(request)
    if query.trajectory:
        evaluations = evaluations.filter(trajectory__public_id=query.trajectory)
    return cursor_page(request, evaluations, query)


@router.get("/{public_id}", response=responses(200, EvaluationDetailOut, 403))
@api_member(*MENTORING_ROLES)
def evaluation_detail(request, public_id: UUID):
    """One evaluation with self vs mentor per competence, action points and signatures."""
    evaluation = get_object_or_404(
        _evaluations(request).select_related("mentor", "coordinator", "guest__user"),
        public_id=public_id,
    )
    evaluation.report = evaluation_report(evaluation)
    return evaluation
