"""Demo Autocars: what the mentors follow up, how often and when."""

from datetime import timedelta

from werkplek.competences.selectors import framework_for
from werkplek.followup.models import FollowUpMoment, FollowUpRule
from werkplek.followup.services import followup_moment_resolve, followup_rule_save
from werkplek.plans.selectors import plan_current
from werkplek.trajectories.models import Trajectory

Frequency, Subject = FollowUpRule.Frequency, FollowUpRule.Subject


def _follow_up(trajectory: Trajectory, **fields) -> FollowUpRule | None:
    """Create the rule unless the trajectory follows this subject up already."""
    if "competence_code" in fields:
        code = fields.pop("competence_code")
        fields["competence"] = framework_for(trajectory).competences.get(code=code)
    same = {
        name: fields[name] for name in ("subject", "competence", "goal", "topic") if name in fields
    }
    if trajectory.followup_rules.filter(**same).exists():
        return None
    fields.setdefault("starts_on", trajectory.period_start)
    fields.setdefault("ends_on", trajectory.period_end)
    fields.setdefault("responsible", trajectory.mentors.first())
    return followup_rule_save(
        rule=FollowUpRule(trajectory=trajectory, **fields), by=trajectory.mentors.first()
    )


def seed(context) -> None:
    today = context.today
    trajectories = {  # fresh state: the demo's instances predate their transitions
        key: Trajectory.objects.get(pk=trajectory.pk)
        for key, trajectory in context.trajectories.items()
    }
    kevin, nina, bram = trajectories["kevin"], trajectories["nina"], trajectories["bram"]
    elise, fatima = trajectories["elise"], trajectories["fatima"]
    _follow_up(
        kevin,
        subject=Subject.COMPETENCE,
        competence_code="manoeuvring",
        frequency=Frequency.WEEKLY,
    )
    _follow_up(
        kevin,
        subject=Subject.TOPIC,
        topic="Stiptheid bij de start van de dienst",
        frequency=Frequency.EVERY_N_DAYS,
        interval=3,
    )
    _follow_up(
        nina,
        subject=Subject.COMPETENCE,
        competence_code="punctuality_reliability",
        frequency=Frequency.WEEKLY,
    )
    _follow_up(
        bram,
        subject=Subject.TOPIC,
        topic="Gesprek over welbevinden en planning",
        frequency=Frequency.EVERY_N_DAYS,
        interval=14,
    )
    _follow_up(
        elise,
        subject=Subject.GOAL,
        goal=plan_current(elise).goals.get(competence__code="manoeuvring"),
        frequency=Frequency.WEEKLY,
        starts_on=elise.period_start + timedelta(days=42),
    )
    preparation = _follow_up(
        fatima,
        subject=Subject.TOPIC,
        topic="Voorbereiding van de eindevaluatie",
        frequency=Frequency.WEEKLY,
        starts_on=max(fatima.period_start, today - timedelta(days=21)),
    )
    if preparation is not None:
        talk = preparation.moments.filter(
            state=FollowUpMoment.State.OPEN, due_date__lt=today
        ).first()
        if talk is not None:
            followup_moment_resolve(
                moment=talk,
                by=fatima.mentors.first(),
                state=FollowUpMoment.State.DONE,
                note="Besproken in het wekelijks gesprek op vrijdag.",
            )
