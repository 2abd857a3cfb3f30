import bisect
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from werkplek.accounts.models import User
from werkplek.core.hooks import trajectory_changed
from werkplek.followup.models import FollowUpMoment, FollowUpRule, FollowUpSettings
from werkplek.followup.schedule import MAX_MOMENTS, windows
from werkplek.logbook.models import LogEntry
from werkplek.plans.services import check_in_period
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.selectors import mentor_choices

State = FollowUpMoment.State
Subject = FollowUpRule.Subject


def _validate(rule: FollowUpRule) -> list[tuple]:
    trajectory = rule.trajectory
    check_in_period(trajectory, rule.starts_on, "starts_on")
    check_in_period(trajectory, rule.ends_on, "ends_on")
    if rule.ends_on < rule.starts_on:
        raise ValidationError({"ends_on": _("The end comes after the start.")})
    if rule.subject == Subject.COMPETENCE:
        if rule.competence is None:
            raise ValidationError({"competence": _("Choose the competence to follow up.")})
        if rule.competence.framework.organisation_id != trajectory.organisation_id:
            raise ValidationError({"competence": _("Choose a competence of your organisation.")})
    if rule.subject == Subject.GOAL:
        if rule.goal is None:
            raise ValidationError({"goal": _("Choose the goal to follow up.")})
        if rule.goal.version.trajectory_id != trajectory.pk:
            raise ValidationError({"goal": _("Choose a goal of this trajectory's plan.")})
    if rule.subject == Subject.TOPIC and not rule.topic.strip():
        raise ValidationError({"topic": _("Say what is followed up.")})
    if rule.responsible_id and not mentor_choices(trajectory.organisation).filter(
        pk=rule.responsible_id
    ):
        raise ValidationError(
            {"responsible": _("Choose a mentor or coordinator of the organisation.")}
        )
    if rule.frequency == FollowUpRule.Frequency.DAILY:
        rule.interval = 1
    found = windows(
        starts_on=rule.starts_on,
        ends_on=rule.ends_on,
        frequency=rule.frequency,
        interval=rule.interval,
        workdays_only=rule.workdays_only,
    )
    if len(found) > MAX_MOMENTS:
        raise ValidationError(
            {
                "frequency": _(
                    "That gives more than %(max)s moments: choose a longer interval or period."
                )
                % {"max": MAX_MOMENTS}
            }
        )
    if not found:
        raise ValidationError({"starts_on": _("No workday falls in this period.")})
    return found


@transaction.atomic
def followup_rule_save(*, rule: FollowUpRule, by: User) -> FollowUpRule:
    """Save the rule and (re)generate its dated moments; moments resolved by hand are kept."""
    rule.topic = rule.topic.strip()
    if rule.subject != Subject.COMPETENCE:
        rule.competence = None
    if rule.subject != Subject.GOAL:
        rule.goal = None
    found = _validate(rule)
    created = rule.pk is None
    rule.full_clean()
    rule.save()
    existing = {moment.window_start: moment for moment in rule.moments.all()}
    wanted = dict(found)
    today = timezone.localdate()
    stale = [
        moment.pk
        for start, moment in existing.items()
        if start not in wanted
        and not (moment.state != State.OPEN and not moment.is_automatic and moment.due_date < today)
    ]
    FollowUpMoment.objects.filter(pk__in=stale).delete()
    changed = []
    for start, due in found:
        moment = existing.get(start)
        if moment is not None and moment.due_date != due:
            moment.due_date = due
            changed.append(moment)
    FollowUpMoment.objects.bulk_update(changed, ["due_date"])
    FollowUpMoment.objects.bulk_create(
        FollowUpMoment(rule=rule, trajectory=rule.trajectory, window_start=start, due_date=due)
        for start, due in found
        if start not in existing
    )
    trajectory_log(
        rule.trajectory,
        "followup.rule.created" if created else "followup.rule.changed",
        by=by,
        subject=rule.subject_text,
        count=len(found),
    )
    followup_sync(trajectory=rule.trajectory)
    return rule


@transaction.atomic
def followup_rule_delete(*, rule: FollowUpRule, by: User) -> None:
    trajectory, subject = rule.trajectory, rule.subject_text
    rule.delete()
    trajectory_log(trajectory, "followup.rule.deleted", by=by, subject=subject)


@dataclass(frozen=True)
class _EntryFacts:
    """What one logbook entry followed up."""

    entry: LogEntry
    competences: set[int]
    lineages: set
    topics: set[int]  # the topic rules the entry was explicitly linked to


def _entry_facts(entries: list[LogEntry]) -> list[_EntryFacts]:
    """Per entry, by date: the competences, goal lineages and topics it covers."""
    facts = []
    for entry in sorted(entries, key=lambda entry: (entry.date, entry.created_at)):
        competences = {competence.pk for competence in entry.competences.all()}
        lineages = set()
        if entry.planned_moment is not None:
            for goal in entry.planned_moment.goals.all():
                lineages.add(goal.lineage)
                if goal.competence_id:
                    competences.add(goal.competence_id)
        topics = {rule.pk for rule in entry.followup_topics.all()}
        facts.append(_EntryFacts(entry, competences, lineages, topics))
    return facts


def _covers(rule: FollowUpRule, facts: _EntryFacts) -> bool:
    if rule.subject == Subject.COMPETENCE:
        return rule.competence_id in facts.competences
    if rule.subject == Subject.GOAL:
        goal = rule.goal
        return goal.lineage in facts.lineages or (
            goal.competence_id is not None and goal.competence_id in facts.competences
        )
    return rule.pk in facts.topics  # a topic: only an entry linked to it, never by its text


@transaction.atomic
def followup_sync(*, trajectory: Trajectory) -> int:
    """Let the logbook tick (and untick) follow-up moments; returns how many changed.

    A moment is covered by the first logbook entry in its period that touches its subject: its
    competence, its goal, or (a topic) an entry explicitly linked to the topic.
    Moments resolved by hand are left alone.
    """
    moments = list(
        trajectory.followup_moments.filter(Q(state=State.OPEN) | Q(by_logbook=True)).select_related(
            "rule", "rule__goal"
        )
    )
    if not moments:
        return 0
    entries = list(
        trajectory.log_entries.select_related("planned_moment").prefetch_related(
            "competences", "planned_moment__goals", "followup_topics"
        )
    )
    facts = _entry_facts(entries)
    dates = [fact.entry.date for fact in facts]
    now = timezone.now()
    changed = []
    for moment in moments:
        covering = None
        for fact in facts[bisect.bisect_left(dates, moment.window_start) :]:
            if fact.entry.date > moment.due_date:
                break
            if _covers(moment.rule, fact):
                covering = fact.entry
                break
        if covering is not None and (not moment.by_logbook or moment.covered_by_id != covering.pk):
            moment.state, moment.covered_by, moment.resolved_at = State.DONE, covering, now
            moment.resolved_by, moment.by_logbook = None, True
            changed.append(moment)
        elif covering is None and moment.by_logbook:
            moment.state, moment.covered_by, moment.resolved_at = State.OPEN, None, None
            moment.by_logbook = False
            changed.append(moment)
    FollowUpMoment.objects.bulk_update(
        changed, ["state", "covered_by", "resolved_at", "resolved_by", "by_logbook"]
    )
    return len(changed)


def followup_listener(*, trajectory: Trajectory, fact: str) -> None:
    """The logbook changed: its entries may cover (or no longer cover) follow-up moments."""
    if fact == "logbook.entry":
        followup_sync(trajectory=trajectory)


@transaction.atomic
def followup_moment_resolve(
    *, moment: FollowUpMoment, by: User, state: str, note: str = ""
) -> FollowUpMoment:
    """Done by hand (e.g. in a follow-up talk) or skipped, with a note."""
    if state not in (State.DONE, State.SKIPPED):
        raise ValueError(state)
    if moment.state != State.OPEN:
        raise ValidationError(_("This follow-up moment is not open."))
    note = note.strip()
    if state == State.SKIPPED and not note:
        raise ValidationError({"note": _("Say why this follow-up is skipped.")})
    moment.state, moment.resolved_by, moment.resolved_at = state, by, timezone.now()
    moment.note, moment.covered_by, moment.by_logbook = note, None, False
    moment.full_clean()
    moment.save()
    trajectory_changed(moment.trajectory, fact="followup.moment")
    return moment


@transaction.atomic
def followup_moment_reopen(*, moment: FollowUpMoment) -> FollowUpMoment:
    if moment.state == State.OPEN or moment.is_automatic:
        raise ValidationError(_("Only a moment resolved by hand can be reopened."))
    moment.state, moment.resolved_by, moment.resolved_at, moment.note = State.OPEN, None, None, ""
    moment.save()
    followup_sync(trajectory=moment.trajectory)
    trajectory_changed(moment.trajectory, fact="followup.moment")
    moment.refresh_from_db()
    return moment


@transaction.atomic
def followup_settings_save(*, settings: FollowUpSettings) -> FollowUpSettings:
    settings.full_clean()
    settings.save()
    return settings
