"""Where a trajectory stands among the handbook's eight steps, derived from its facts.

Each step has an entry rule over facts (STEP_RULES). The step is the highest step whose rule
holds; nobody presses "next step". It is derived again whenever a fact changes (the apps that
own the facts announce the change through core.hooks.trajectory_changed, and the trajectories
app listens), and once a day for the one rule that depends on the calendar (step 6).

A coordinator may still move the step by hand, with a reason the timeline keeps. That choice
holds until the facts point to another step than they did when it was made.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps as django_apps
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from werkplek.trajectories.models import Status, Step

# Step 6 (evaluation) begins when the interim evaluation comes near: it is planned before
# the start, and its preparation (the self-assessment) is part of the step.
INTERIM_LEAD = timedelta(days=14)
STARTED = (Status.RUNNING, Status.FINISHING, Status.CLOSED, Status.STOPPED)


@dataclass(frozen=True)
class StepFacts:
    status: str
    introduction_held: bool = False  # the getting-acquainted talk (kennismaking)
    tour_held: bool = False  # the workplace tour (rondleiding)
    followup_done: bool = False  # at least one follow-up moment done
    interim_near: bool = False
    interim_held: bool = False
    final_planned: bool = False

    @property
    def started(self) -> bool:
        return self.status in STARTED


@dataclass(frozen=True)
class StepRule:
    step: Step
    because: Promise  # completes "Step N because …"
    holds: Callable[[StepFacts], bool]


STEP_RULES = (
    StepRule(
        Step.INTRODUCTION_MEETING,
        _("the getting-acquainted talk is held"),
        lambda f: f.introduction_held,
    ),
    StepRule(
        Step.INTRODUCTION,
        _("the workplace tour is held or the trajectory is ready to start"),
        lambda f: f.tour_held or f.status == Status.READY,
    ),
    StepRule(Step.LEARNING, _("the trajectory has started"), lambda f: f.started),
    StepRule(
        Step.FOLLOW_UP,
        _("a first follow-up moment is done"),
        lambda f: f.started and f.followup_done,
    ),
    StepRule(
        Step.EVALUATION,
        _("the interim evaluation is planned within two weeks (or its date has passed)"),
        lambda f: f.started and f.interim_near,
    ),
    StepRule(
        Step.CONTINUATION,
        _("the interim evaluation is held"),
        lambda f: f.started and f.interim_held,
    ),
    StepRule(
        Step.FINAL_EVALUATION,
        _("the final evaluation is planned"),
        lambda f: f.started and (f.final_planned or f.status == Status.FINISHING),
    ),
)
PREPARATION_BECAUSE = _("nothing of the later steps has happened yet")


def derived_step(facts: StepFacts) -> int:
    """The highest step whose entry rule holds (1, preparation, when none does)."""
    step = Step.PREPARATION
    for rule in STEP_RULES:
        if rule.holds(facts):
            step = rule.step
    return int(step)


def because(step: int) -> Promise:
    """Why a trajectory is in this step, as the entry rule says it."""
    for rule in STEP_RULES:
        if rule.step == step:
            return rule.because
    return PREPARATION_BECAUSE


# --- Reading the facts (set-based: one query for any number of trajectories) ---------------

FACT_NAMES = (
    "introduction_held",
    "tour_held",
    "followup_done",
    "interim_near",
    "interim_held",
    "final_planned",
)


def fact_expressions(today: date, get_model=django_apps.get_model) -> dict:
    """Exists() subqueries over OuterRef("pk"), one per fact; `get_model` lets a data
    migration pass its historical models."""
    meeting = get_model("intake", "Meeting")
    moment = get_model("followup", "FollowUpMoment")
    evaluation = get_model("evaluations", "Evaluation")

    def meeting_held(kind):
        return Exists(meeting.objects.filter(trajectory=OuterRef("pk"), kind=kind, status="held"))

    return {
        "introduction_held": meeting_held("introduction"),
        "tour_held": meeting_held("tour"),
        "followup_done": Exists(moment.objects.filter(trajectory=OuterRef("pk"), state="done")),
        "interim_near": Exists(
            evaluation.objects.filter(
                trajectory=OuterRef("pk"),
                kind="interim",
                scheduled_on__lte=today + INTERIM_LEAD,
            )
        ),
        "interim_held": Exists(
            evaluation.objects.filter(trajectory=OuterRef("pk"), kind="interim", status="held")
        ),
        "final_planned": Exists(evaluation.objects.filter(trajectory=OuterRef("pk"), kind="final")),
    }


def with_step_facts(queryset: QuerySet, today: date, get_model=django_apps.get_model) -> QuerySet:
    expressions = fact_expressions(today, get_model)
    return queryset.annotate(**{f"fact_{name}": expr for name, expr in expressions.items()})


def facts_of(row, status: str | None = None) -> StepFacts:
    """The facts of a trajectory read through `with_step_facts`."""
    return StepFacts(
        status=status or row.status,
        **{name: bool(getattr(row, f"fact_{name}")) for name in FACT_NAMES},
    )


def step_choice(*, derived: int, by_hand: int | None, by_hand_facts: int | None) -> int:
    """A step moved by hand holds while the facts still point where they did then."""
    if by_hand is not None and by_hand_facts == derived:
        return by_hand
    return derived
