from datetime import date, timedelta

from django.utils import timezone

from werkplek.intake.guides import Answer
from werkplek.intake.models import MeetingKind
from werkplek.intake.services import (
    application_record,
    meeting_plan,
    policy_save,
    preparation_save,
)


def one_of_each(*, trajectory, by) -> None:
    """An application, a meeting, the operational preparation and the policy, for tests that
    need every kind of intake object (e.g. the permission matrix)."""
    application_record(trajectory=trajectory, by=by, received_on=date(2026, 10, 1), source="vdab")
    meeting_plan(
        trajectory=trajectory,
        by=by,
        kind=MeetingKind.MOTIVATION_INTERVIEW,
        starts_at=timezone.now() + timedelta(days=2),
    )
    preparation_save(trajectory=trajectory, by=by, answers=[Answer("", "Wat?", "Dit.")])
    policy_save(organisation=trajectory.organisation, by=by, answers=[Answer("", "Hoe?", "Zo.")])
