"""Demo Autocars: the organisation, its people, and twelve trajectories over the steps."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from werkplek.accounts.models import Membership, Organisation, User
from werkplek.candidates.models import Candidate
from werkplek.candidates.services import candidate_create
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.services import checklist_item_tick, checklist_item_waive
from werkplek.sectorpacks.models import SectorPack
from werkplek.sectorpacks.services import organisation_adopt_pack
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Kind, Status, Trajectory
from werkplek.trajectories.services import trajectory_create

DEMO_SLUG = "demo-autocars"
EMAIL_DOMAIN = "demo-autocars.be"

PEOPLE = [
    # (e-mail local part, full name, role, language)
    ("directie", "Marc Claes", Membership.Role.ADMIN, "nl"),
    ("coordinator", "An Peeters", Membership.Role.COORDINATOR, "nl"),
    ("luc", "Luc Janssens", Membership.Role.MENTOR, "nl"),
    ("sofie", "Sofie Maes", Membership.Role.MENTOR, "nl"),
    ("johan", "Johan Wouters", Membership.Role.MENTOR, "fr"),
    ("mats", "Mats Mertens", Membership.Role.MENTOR, "nl"),  # no trainees yet: below the limit
]


@dataclass
class DemoContext:
    """What later demo steps (other apps) build on."""

    organisation: Organisation
    users: dict[str, User]
    today: date
    trajectories: dict[str, Trajectory] = field(default_factory=dict)
    created: bool = False


@dataclass(frozen=True)
class DemoTrajectory:
    key: str
    first_name: str
    last_name: str
    language: str
    born: date
    kind: str
    mentor: str | None
    start_in_days: int  # planned start relative to today
    weeks: int
    target: str  # status to reach
    step: int = 0  # extra steps forward after reaching the status
    city: tuple[str, str] = ("9000", "Gent")
    complete_contact: bool = True
    source: str = Candidate.Source.VDAB
    interest: str = "Streekvervoer in opdracht van De Lijn"


TRAJECTORIES = [
    DemoTrajectory(
        "emma", "Emma", "De Smet", "nl", date(2001, 3, 14), Kind.IBO, None, 40, 12, Status.DRAFT
    ),
    DemoTrajectory(
        "lars",
        "Lars",
        "Vermeulen",
        "nl",
        date(1996, 7, 2),
        Kind.IBO,
        "luc",
        30,
        16,
        Status.PREPARING,
        city=("9300", "Aalst"),
    ),
    DemoTrajectory(
        "yasmine",
        "Yasmine",
        "El Amrani",
        "nl",
        date(1999, 11, 23),
        Kind.ONBOARDING,
        "sofie",
        21,
        8,
        Status.PREPARING,
        step=1,
        city=("2000", "Antwerpen"),
        source=Candidate.Source.VACANCY,
    ),
    DemoTrajectory(
        "thomas",
        "Thomas",
        "Goossens",
        "nl",
        date(1988, 1, 9),
        Kind.IBO,
        "luc",
        7,
        16,
        Status.PREPARING,
        step=2,
        city=("9100", "Sint-Niklaas"),
        complete_contact=False,
    ),
    DemoTrajectory(
        "lotte",
        "Lotte",
        "Van den Broeck",
        "nl",
        date(2006, 5, 30),
        Kind.DUAL,
        "sofie",
        3,
        30,
        Status.READY,
        city=("8000", "Brugge"),
        source=Candidate.Source.SCHOOL,
        interest="Autocar en toerisme",
    ),
    DemoTrajectory(
        "kevin",
        "Kevin",
        "Mertens",
        "nl",
        date(1994, 9, 17),
        Kind.IBO,
        "luc",
        -20,
        16,
        Status.RUNNING,
    ),
    DemoTrajectory(
        "nina",
        "Nina",
        "Jacobs",
        "nl",
        date(2005, 2, 4),
        Kind.STAGE,
        "sofie",
        -35,
        10,
        Status.RUNNING,
        step=1,
        source=Candidate.Source.SCHOOL,
        interest="Leerlingenvervoer",
    ),
    DemoTrajectory(
        "bram",
        "Bram",
        "Willems",
        "nl",
        date(1979, 12, 12),
        Kind.BIO,
        "johan",
        -50,
        12,
        Status.RUNNING,
        step=2,
        city=("3000", "Leuven"),
    ),
    DemoTrajectory(
        "elise",
        "Élise",
        "Dubois",
        "fr",
        date(1998, 8, 8),
        Kind.IBO,
        "johan",
        -70,
        14,
        Status.RUNNING,
        step=3,
        city=("1500", "Halle"),
        interest="Autocar, internationale reizen",
    ),
    DemoTrajectory(
        "fatima",
        "Fatima",
        "Benali",
        "nl",
        date(1991, 4, 21),
        Kind.IBO,
        "luc",
        -100,
        16,
        Status.FINISHING,
        city=("2800", "Mechelen"),
    ),
    DemoTrajectory(
        "jonas",
        "Jonas",
        "Claes",
        "nl",
        date(1990, 6, 6),
        Kind.IBO,
        "sofie",
        -160,
        16,
        Status.CLOSED,
    ),
    DemoTrajectory(
        "ruben",
        "Ruben",
        "Hermans",
        "nl",
        date(2000, 10, 1),
        Kind.ONBOARDING,
        "johan",
        -45,
        8,
        Status.STOPPED,
        source=Candidate.Source.REFERRAL,
    ),
]

# Apps whose automatic checklist rules guard the start (competences mapped, a plan agreed, the
# planning handed over) make those facts true here, just before the demo resolves a
# trajectory's ready gate: dotted paths of functions taking (trajectory, context).
BEFORE_GATE_STEPS: list[str] = [
    "werkplek.plans.demo.prepare_start",
    "werkplek.evaluations.demo.prepare_start",
]
# Steps run just before the final evaluation phase, called as step(trajectory, context).
BEFORE_FINISH_STEPS: list[str] = ["werkplek.evaluations.demo.before_finish"]
# Steps run just before the demo closes a trajectory, each called as step(trajectory, context):
# the evaluations app holds the final evaluation and records the decision, which closes it.
BEFORE_CLOSE_STEPS: list[str] = ["werkplek.evaluations.demo.before_close"]
# Per-trajectory demo steps of other apps, each called as step(context, trajectory, spec) right
# after a trajectory is created and before it walks to its target status: they record the
# facts (meetings, credentials, documents) that tick automatic checklist items on the way.
# The demo organisation keeps the default of two open trajectories per mentor: Luc and Sofie
# go over it (with these reasons on the timeline), Johan is at it, Mats below it.
MENTOR_REASONS = {
    "kevin": "Luc rijdt lijn 52 al jaren; geen andere mentor op die stelplaats.",
    "fatima": "Fatima rondt binnen enkele weken af; Luc blijft tot de eindevaluatie.",
    "nina": "Sofie neemt Nina over tijdens het verlof van een collega.",
    "jonas": "Jonas is bijna klaar; Sofie begeleidde hem al tijdens de stage.",
    "ruben": "Tijdelijk: Johan is de enige Franstalige mentor.",
}

TRAJECTORY_STEPS: list[str] = [
    "werkplek.intake.demo.seed_trajectory",
    "werkplek.credentials.demo.seed_trajectory",
    "werkplek.documents.demo.seed_trajectory",
]

PATH = [
    Status.DRAFT,
    Status.PREPARING,
    Status.READY,
    Status.RUNNING,
    Status.FINISHING,
    Status.CLOSED,
]


def build(today: date | None = None) -> DemoContext:
    today = today or timezone.localdate()
    organisation, created = Organisation.objects.get_or_create(
        slug=DEMO_SLUG,
        defaults={
            "name": "Demo Autocars",
            "enterprise_number": "0765432146",
            "default_language": "nl",
        },
    )
    if created:
        pack = SectorPack.objects.get(code="bus_coach")
        organisation_adopt_pack(organisation=organisation, pack=pack)
    users = {key: _member(organisation, key, name, role, lang) for key, name, role, lang in PEOPLE}
    context = DemoContext(organisation=organisation, users=users, today=today, created=created)
    for spec in TRAJECTORIES:
        context.trajectories[spec.key] = _trajectory(context, spec)
    return context


def _member(organisation: Organisation, key: str, name: str, role: str, language: str) -> User:
    email = f"{key}@{EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=settings.DEMO_PASSWORD, full_name=name, language=language
        )
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
    return user


def _trajectory(context: DemoContext, spec: DemoTrajectory) -> Trajectory:
    organisation, users, today = context.organisation, context.users, context.today
    first, last = spec.first_name.lower().replace("é", "e"), spec.last_name.lower()
    email = f"{first}.{last.replace(' ', '')}@example.be"
    existing = Trajectory.objects.filter(organisation=organisation, candidate__email=email).first()
    if existing is not None:
        return existing
    postal_code, city = spec.city
    candidate = candidate_create(
        organisation=organisation,
        first_name=spec.first_name,
        last_name=spec.last_name,
        email=email,
        phone="0470 12 34 56" if spec.complete_contact else "",
        language=spec.language,
        date_of_birth=spec.born,
        street="Stationsstraat 12",
        postal_code=postal_code,
        city=city,
        source=spec.source,
        subsector_interest=spec.interest if spec.target != Status.DRAFT else "",
        has_relations_in_company=(spec.key in {"kevin", "jonas"})
        if spec.target != Status.DRAFT
        else None,
        relations_in_company="Neef werkt als chauffeur in de stelplaats"
        if spec.key == "kevin"
        else "",
        target_group=Candidate.TargetGroup.LONG_TERM_JOBSEEKER if spec.kind == Kind.IBO else "",
    )
    coordinator = users["coordinator"]
    start = today + timedelta(days=spec.start_in_days)
    trajectory = trajectory_create(
        candidate=candidate,
        created_by=coordinator,
        mentors=[users[spec.mentor]] if spec.mentor else [],
        mentor_reason=MENTOR_REASONS.get(spec.key, ""),
        kind=spec.kind,
        job_title="Buschauffeur" if spec.kind != Kind.DUAL else "Leerling bus- en autocarchauffeur",
        coordinator=coordinator,
        planned_start=start,
        planned_end=start + timedelta(weeks=spec.weeks),
        hours_per_week=Decimal("38") if spec.kind != Kind.STAGE else Decimal("24"),
    )
    for step in TRAJECTORY_STEPS:
        import_string(step)(context, trajectory, spec)
    _walk(trajectory, spec, context)
    return trajectory


def _walk(trajectory: Trajectory, spec: DemoTrajectory, context: DemoContext) -> None:
    admin = Membership.objects.get(
        user=context.users["coordinator"], organisation=context.organisation
    )
    target = spec.target
    if target == Status.STOPPED:
        transitions.trajectory_confirm(trajectory=trajectory, membership=admin)
        _resolve_gate(trajectory, admin.user, context)
        transitions.trajectory_start(
            trajectory=trajectory, membership=admin, on=trajectory.planned_start
        )
        transitions.trajectory_stop(
            trajectory=trajectory,
            membership=admin,
            reason="Heeft een vaste job gevonden dichter bij huis.",
            on=context.today - timedelta(days=10),
        )
        return
    reached = PATH.index(target)
    if reached >= 1:
        transitions.trajectory_confirm(trajectory=trajectory, membership=admin)
    if target == Status.PREPARING:
        _resolve_some(trajectory, admin.user, share=0.3 + 0.2 * spec.step)
    if reached >= 2:
        _resolve_gate(trajectory, admin.user, context)
        transitions.trajectory_mark_ready(trajectory=trajectory, membership=admin)
    if reached >= 3:
        transitions.trajectory_start(
            trajectory=trajectory, membership=admin, on=trajectory.planned_start
        )
    if reached >= 4:
        for step in BEFORE_FINISH_STEPS:
            import_string(step)(trajectory, context)
        transitions.trajectory_finish(trajectory=trajectory, membership=admin)
    if reached >= 5:
        for item in _manual_open_items(trajectory).filter(phase="end", required=True):
            checklist_item_tick(item=item, by=admin.user)
        for step in BEFORE_CLOSE_STEPS:
            import_string(step)(trajectory, context)
        trajectory.refresh_from_db()
        if trajectory.status == Status.CLOSED:
            return
        checklist_item_tick(
            item=trajectory.checklist_items.get(code="contract_signed"), by=admin.user
        )
        transitions.trajectory_close(
            trajectory=trajectory,
            membership=admin,
            outcome="hired",
            note="Vast contract als buschauffeur vanaf de maand na de IBO.",
            on=trajectory.planned_end,
        )


def _manual_open_items(trajectory: Trajectory):
    return trajectory.checklist_items.filter(state=ChecklistItem.State.OPEN, rule="").order_by(
        "position"
    )


def _resolve_gate(trajectory: Trajectory, by: User, context: DemoContext) -> None:
    for step in BEFORE_GATE_STEPS:
        import_string(step)(trajectory, context)
    for item in _manual_open_items(trajectory).filter(phase__in=["preparation", "before_start"]):
        if item.code == "transport_passes":
            checklist_item_waive(
                item=item, by=by, reason="Komt met eigen wagen; geen abonnement nodig."
            )
        else:
            checklist_item_tick(item=item, by=by)


# What is usually done by each step of a running trajectory.
DONE_BY_STEP = {
    "attendance_during": 4,
    "interim_evaluation_held": 6,
    "final_evaluation_planned": 7,
}


def _resolve_during(trajectory: Trajectory, by: User, *, step: int) -> None:
    for item in _manual_open_items(trajectory).filter(phase="during"):
        if step >= DONE_BY_STEP.get(item.code, 99):
            checklist_item_tick(item=item, by=by)


def _resolve_some(trajectory: Trajectory, by: User, *, share: float) -> None:
    items = list(_manual_open_items(trajectory).filter(phase="preparation"))
    for item in items[: int(len(items) * share)]:
        checklist_item_tick(item=item, by=by)
