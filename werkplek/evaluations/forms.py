from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import STAFF_ROLES, Membership, User
from werkplek.competences.models import CompetenceFramework
from werkplek.core.forms import DateInput, TimeInput
from werkplek.core.i18n import localized
from werkplek.evaluations.models import ActionPoint, Evaluation, Signature
from werkplek.trajectories.models import Trajectory


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evaluation.Kind.choices)
    scheduled_on = forms.DateField(label=_("Date"), widget=DateInput())
    scheduled_at = forms.TimeField(label=_("Time"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=User.objects.none(), required=False)
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=User.objects.none(), required=False
    )
    guest = forms.ModelChoiceField(
        label=_("Guest (school, VDAB)"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Optional: a school or VDAB guest who joins the talk and co-signs."),
    )

    def __init__(self, *args, trajectory: Trajectory, evaluation: Evaluation | None = None, **kw):
        super().__init__(*args, **kw)
        organisation = trajectory.organisation
        self.fields["mentor"].queryset = trajectory.mentors.order_by("full_name")
        self.fields["coordinator"].queryset = User.objects.filter(
            memberships__organisation=organisation,
            memberships__role__in=STAFF_ROLES,
            memberships__is_active=True,
        ).order_by("full_name")
        self.fields["guest"].queryset = Membership.objects.filter(
            organisation=organisation, role=Membership.Role.GUEST, is_active=True
        ).select_related("user")
        self.fields["guest"].label_from_instance = lambda membership: membership.user.full_name
        if evaluation is not None:
            del self.fields["kind"]

    def schedule(self) -> dict:
        """The cleaned data as keyword arguments of the schedule services."""
        data = self.cleaned_data
        return {
            "on": data["scheduled_on"],
            "at": data["scheduled_at"],
            "place": data["place"],
            "mentor": data["mentor"],
            "coordinator": data["coordinator"],
            "guest": data["guest"],
        }


def _level_field(label, choices, initial, empty_label):
    return forms.TypedChoiceField(
        label=label,
        choices=[("", empty_label), *choices],
        coerce=int,
        empty_value=None,
        required=False,
        initial=initial,
    )


class LevelsForm(forms.Form):
    """A level and a comment per competence (self-assessment or mentor scores)."""

    def __init__(
        self,
        *args,
        framework: CompetenceFramework,
        competences,
        existing: dict,
        with_summary: bool = False,
        evaluation: Evaluation | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.competences = competences
        choices = framework.scale.choices()
        for competence in competences:
            row = existing.get(competence.pk)
            self.fields[f"level_{competence.pk}"] = _level_field(
                competence.text, choices, row.level if row else "", _("— no answer yet")
            )
            self.fields[f"comment_{competence.pk}"] = forms.CharField(
                label=_("Comment about “%(competence)s”") % {"competence": competence.text},
                required=False,
                max_length=2000,
                initial=row.comment if row else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if with_summary:
            self.fields["strengths"] = forms.CharField(
                label=_("Strengths"),
                required=False,
                initial=evaluation.strengths if evaluation else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields["improvements"] = forms.CharField(
                label=_("Points to improve"),
                required=False,
                initial=evaluation.improvements if evaluation else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    others: dict = {}  # the other party's rows by competence id, shown beside the fields

    def rows(self):
        return [
            (
                competence,
                self[f"level_{competence.pk}"],
                self[f"comment_{competence.pk}"],
                self.others.get(competence.pk),
            )
            for competence in self.competences
        ]

    def levels(self):
        from werkplek.evaluations.services import Level

        return [
            Level(
                competence,
                self.cleaned_data.get(f"level_{competence.pk}"),
                self.cleaned_data.get(f"comment_{competence.pk}", ""),
            )
            for competence in self.competences
        ]


class ActionPointForm(forms.ModelForm):
    """What, who and by when: an action point has an owner and a due date."""

    owner = forms.TypedChoiceField(label=_("Who"), coerce=int)

    class Meta:
        model = ActionPoint
        fields = ["text", "competence", "due_on"]
        widgets = {"due_on": DateInput()}

    def __init__(
        self,
        *args,
        framework: CompetenceFramework | None,
        owners: list[tuple[int, str]] = (),
        **kwargs,
    ):
        """`owners`: (user id, name) of the evaluation's people (no query to list them)."""
        super().__init__(*args, **kwargs)
        if framework is None:
            del self.fields["competence"]
        else:
            self.fields["competence"].queryset = framework.competences.filter(is_active=True)
            self.fields["competence"].required = False
        self.fields["owner"].choices = [("", "—"), *owners]
        self.fields["due_on"].required = True
        self.order_fields(["text", "competence", "owner", "due_on"])


class KeptForm(forms.Form):
    point = forms.UUIDField(widget=forms.HiddenInput)
    kept = forms.TypedChoiceField(
        label=_("Kept?"),
        choices=[("yes", _("Kept")), ("no", _("Not kept"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class ToPlanForm(forms.Form):
    as_ = forms.ChoiceField(label=_("Add to the plan as"), choices=ActionPoint.Target.choices)
    on = forms.DateField(label=_("Date of the learning moment"), required=False, widget=DateInput())
    hours = forms.DecimalField(
        label=_("Duration (hours)"),
        required=False,
        min_value=0.25,
        max_value=24,
        decimal_places=2,
        initial=1,
    )


REACHED_CHOICES = [("", _("— not judged yet")), ("yes", _("Reached")), ("no", _("Not reached"))]


class GoalsForm(forms.Form):
    judgement = forms.ChoiceField(
        label=_("Overall judgement: is the goal reached?"),
        choices=[("", "—"), *Evaluation.Judgement.choices],
        required=False,
    )
    judgement_note = forms.CharField(
        label=_("About the overall judgement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, goals, existing: dict, evaluation: Evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.fields["judgement"].initial = evaluation.judgement
        self.fields["judgement_note"].initial = evaluation.judgement_note
        for goal in goals:
            row = existing.get(goal.pk)
            reached = "" if row is None else ("yes" if row.reached else "no")
            label = goal.competence.text if goal.competence_id else goal.description
            self.fields[f"reached_{goal.pk}"] = forms.ChoiceField(
                label=label, choices=REACHED_CHOICES, required=False, initial=reached
            )
            self.fields[f"evidence_{goal.pk}"] = forms.CharField(
                label=_("Evidence for “%(goal)s”") % {"goal": label},
                required=False,
                initial=row.evidence if row else "",
                help_text=_("E.g. logbook entries, earlier scores, observations."),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [
            (goal, self[f"reached_{goal.pk}"], self[f"evidence_{goal.pk}"]) for goal in self.goals
        ]

    def verdicts(self):
        from werkplek.evaluations.services import GoalVerdict

        values = {"yes": True, "no": False, "": None}
        return [
            GoalVerdict(
                goal,
                values[self.cleaned_data.get(f"reached_{goal.pk}", "")],
                self.cleaned_data.get(f"evidence_{goal.pk}", ""),
            )
            for goal in self.goals
        ]


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()


class SignForm(forms.Form):
    party = forms.ChoiceField(label=_("Sign as"), choices=Signature.Party.choices)
    typed_name = forms.CharField(label=_("Full name of the one who signs"), max_length=150)
    on_behalf = forms.BooleanField(
        label=_("I sign on behalf of this party"),
        required=False,
        help_text=_("Only when the party cannot sign here themselves; your name is recorded."),
    )
    on_behalf_reason = forms.CharField(
        label=_("Why on their behalf?"),
        required=False,
        max_length=300,
        help_text=_("E.g. signed on paper on 12/03, in the file."),
    )
    agreed = forms.BooleanField(label=_("I have read this evaluation and sign it."), required=True)

    def __init__(self, *args, parties: list[tuple[str, str]], others: bool, **kwargs):
        """`others`: the member may also record other parties' signatures (staff)."""
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = parties
        if len(parties) == 1:
            self.fields["party"].initial = parties[0][0]
        if not others:
            del self.fields["on_behalf"], self.fields["on_behalf_reason"]

    def clean(self):
        data = super().clean()
        if data.get("on_behalf") and not (data.get("on_behalf_reason") or "").strip():
            self.add_error("on_behalf_reason", _("Say why you sign on behalf of this party."))
        return data


class CorrectForm(forms.Form):
    reason = forms.CharField(
        label=_("What is corrected, and why?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class OutcomeForm(forms.Form):
    """What happens next: several continuations together, or stop; and a reason to waive each
    end formality still open (`waive_<item public id>`)."""

    contract = forms.BooleanField(label=_("Sign a contract"), required=False)
    contract_date = forms.DateField(
        label=_("Contract starts on"), required=False, widget=DateInput()
    )
    contract_type = forms.CharField(
        label=_("Type of contract"),
        max_length=100,
        required=False,
        help_text=_("E.g. permanent, fixed term, interim."),
    )
    continue_training = forms.BooleanField(label=_("Continue the training"), required=False)
    courses = forms.ModelMultipleChoiceField(
        label=_("Additional courses"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("From your organisation's catalogue; several can be chosen."),
    )
    course_other = forms.CharField(label=_("Another course"), max_length=150, required=False)
    stop = forms.BooleanField(
        label=_("Stop"),
        required=False,
        help_text=_("Stopping goes alone, with a reason."),
    )
    reason = forms.CharField(
        label=_("Reason (when the training stops)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisation, formalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = organisation.courses.filter(is_active=True)
        self.formalities = list(formalities)
        for item in self.formalities:
            self.fields[self.waiver_name(item)] = forms.CharField(
                label=_("“%(item)s” is not done: why may it be waived?")
                % {"item": localized(item.label)},
                max_length=500,
                required=False,
            )

    @staticmethod
    def waiver_name(item) -> str:
        return f"waive_{item.public_id}"

    def waiver_fields(self):
        return [self[self.waiver_name(item)] for item in self.formalities]

    def waivers(self) -> dict[str, str]:
        return {
            str(item.public_id): self.cleaned_data.get(self.waiver_name(item), "")
            for item in self.formalities
        }


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
