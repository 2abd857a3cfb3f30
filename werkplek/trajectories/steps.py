"""The eight steps of the handbook, with its guidance and its maxim for each step."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from werkplek.trajectories.models import Step


@dataclass(frozen=True)
class StepGuide:
    step: Step
    guidance: Promise
    questions: tuple[Promise, ...]
    maxim: Promise

    @property
    def number(self) -> int:
        return int(self.step)

    @property
    def title(self) -> str:
        return self.step.label


STEP_GUIDES = (
    StepGuide(
        Step.PREPARATION,
        _(
            "Everything that happens before the first contact with the candidate. Think about "
            "it strategically (the organisation's vision on workplace learning and the role of "
            "the mentor) and operationally (how the guidance will go in daily practice). A "
            "company and a mentor who prepare well avoid chaos and raise the quality of the "
            "trajectory."
        ),
        (
            _("What do I need to agree on beforehand?"),
            _("Whom do I need to brief?"),
            _("What do I need to arrange for my own work?"),
            _("What information must and can I have beforehand?"),
        ),
        _("Good preparation is half the battle!"),
    ),
    StepGuide(
        Step.INTRODUCTION_MEETING,
        _(
            "The most important people in the trajectory get to know each other: the "
            "candidate, the mentor and HR or management, in a conversation."
        ),
        (
            _("How do I introduce myself?"),
            _("What information do I give myself?"),
            _("What is the candidate's profile?"),
            _("What does the candidate expect?"),
            _("Does the candidate belong to a particular target group? What does that mean?"),
            _("What do I say about the next step?"),
            _("Have I checked that the candidate understood everything?"),
        ),
        _("Real coaching is always personalised, made to measure…"),
    ),
    StepGuide(
        Step.INTRODUCTION,
        _(
            "The candidate gets to know the concrete workplace and the people they will work "
            "with: the bridge between getting acquainted and learning on the job. The most "
            "important question at the end: is the candidate ready to dive in?"
        ),
        (_("Is the candidate ready to dive in?"),),
        _("A placement should come as a surprise to no one…"),
    ),
    StepGuide(
        Step.LEARNING,
        _(
            "The candidate gains knowledge, learns skills and acquires attitudes, so as to "
            "function fully in the job. Learning is organised (moments planned on purpose in "
            "the training plan) or unorganised (an unexpected situation seized to learn from)."
        ),
        (),
        _("Seeing the workplace as a place to learn is neither obvious nor simple…"),
    ),
    StepGuide(
        Step.FOLLOW_UP,
        _(
            "Check that the planned progress happens and that agreements are kept. Decide what "
            "is followed up, how often and when."
        ),
        (
            _("What do we follow up?"),
            _("How often?"),
            _("When?"),
        ),
        _("Coaching means growing and developing step by step…"),
    ),
    StepGuide(
        Step.EVALUATION,
        _("Assess the performance in an interim evaluation, in time to intervene and adjust."),
        (),
        _("You must be able to measure, intervene and adjust in time and correctly…"),
    ),
    StepGuide(
        Step.CONTINUATION,
        _("Continue with what the interim evaluation showed: adjust the plan and keep going."),
        (),
        _("Coaching is a goal-oriented and planned process…"),
    ),
    StepGuide(
        Step.FINAL_EVALUATION,
        _(
            "The final evaluation judges whether the goals that were set have been reached, "
            "and what comes next."
        ),
        (),
        _("The key question remains: has the goal been reached or not?"),
    ),
)


def guide_for(step: int) -> StepGuide:
    return STEP_GUIDES[step - 1]
