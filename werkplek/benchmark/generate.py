"""A large, realistic organisation built with bulk inserts, for benchmarks and load tests.

`manage.py generate_data` runs the steps of GENERATOR_STEPS in order, each a function taking
the GenerateContext. The first steps make the organisation, its people and the
trajectories; every later step adds one app's data to those trajectories. An app that
arrives later (evaluations, …) appends its own step here, reads `context.size("name")`
for its size and uses `context.bulk()` to insert in chunks.

Nothing here goes through the services: they check and log one object at a time, which
is right for users and far too slow for a million rows. The data is therefore only as
valid as the steps make it; the benchmark test runs every page over it.
"""

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import batched

from django.db import connections, models, router
from django.utils import timezone
from django.utils.module_loading import import_string

GENERATOR_STEPS: list[str] = [
    "werkplek.benchmark.generate.organisation",
    "werkplek.benchmark.generate.trajectories",
    "werkplek.benchmark.generate.checklists",
    "werkplek.benchmark.generate.credentials",
    "werkplek.benchmark.generate.competences",
    "werkplek.benchmark.generate.plans",
    "werkplek.benchmark.generate.logbook",
    "werkplek.benchmark.generate.attendance",
    "werkplek.benchmark.generate.stored_facts",
]

# Sizes of the full run (the "sector scale"); every one can be given on the command line.
DEFAULT_SIZES = {
    "trajectories": 10_000,
    "mentors": 400,
    "logbook": 1_000_000,
    "credentials": 100_000,
    "attendance": 300_000,
    "ratings": 100_000,
    "plans": 5_000,
}

PASSWORD = "werkplek-bench"
FIRST_NAMES = ["Emma", "Lars", "Noah", "Yasmine", "Thomas", "Lotte", "Mohamed", "Julie", "Arne"]
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes", "Goossens", "Wouters"]
CITIES = [("9000", "Gent"), ("2000", "Antwerpen"), ("1000", "Brussel"), ("3000", "Leuven")]
LOG_TEXTS = [
    "Rijden op de ring met passagiers, vlot ingevoegd.",
    "Dagcontrole van de bus samen overlopen.",
    "Halte correct aangereden, fietsers goed opgemerkt.",
    "Ticketverkoop en omgang met een boze reiziger.",
    "Manoeuvre achteruit in de stelplaats geoefend.",
]


@dataclass
class GenerateContext:
    sizes: dict[str, int]
    slug: str
    today: date
    chunk_size: int = 5_000
    seed: int = 12
    log: Callable[[str], None] = print
    organisation: object = None
    coordinator: object = None
    mentors: list = field(default_factory=list)
    # (pk, candidate pk, status, planned_start, planned_end) of every trajectory, in order
    trajectories: list[tuple] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def size(self, name: str) -> int:
        return int(self.sizes.get(name, DEFAULT_SIZES.get(name, 0)))

    def bulk(
        self,
        model: type[models.Model],
        objects: Iterable[models.Model],
        after: Callable[[tuple], None] | None = None,
    ) -> int:
        """Insert in chunks (never a million objects in memory); returns how many.
        `after` sees each inserted chunk (with ids on PostgreSQL and SQLite >= 3.35)."""
        count = 0
        for chunk in batched(objects, self.chunk_size):
            if after is None:
                _insert(model, chunk)
            else:
                model.objects.bulk_create(chunk)
                after(chunk)
            count += len(chunk)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + count
        return count

    def spread(self, total: int) -> Iterable[tuple[tuple, int]]:
        """Share `total` rows over the trajectories that have started: (trajectory, how many)."""
        started = [t for t in self.trajectories if t[2] in ("running", "finishing", "closed")]
        started = started or self.trajectories
        if not started or total <= 0:
            return
        base, extra = divmod(total, len(started))
        for index, trajectory in enumerate(started):
            yield trajectory, base + (1 if index < extra else 0)


def _insert(model: type[models.Model], chunk: tuple) -> None:
    """bulk_create without building one huge statement: COPY on PostgreSQL, executemany of a
    single-row INSERT on SQLite (prepared once), several times faster for big tables.
    Defaults and auto_now values are filled in as bulk_create does; no ids come back."""
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    rows = [
        tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)
        for obj in chunk
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    if connection.vendor == "postgresql":  # COPY: several times faster again
        with connection.cursor() as cursor:
            copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
        return
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        columns,
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def generate(context: GenerateContext, steps: list[str] | None = None) -> GenerateContext:
    for path in steps or GENERATOR_STEPS:
        started = time.perf_counter()
        import_string(path)(context)
        context.log(f"  {path.rsplit('.', 1)[-1]:<14} {time.perf_counter() - started:7.1f} s")
    return context


# --- Steps ---------------------------------------------------------------------------------


def organisation(context: GenerateContext) -> None:
    """The organisation on the bus/coach sector pack, a coordinator, an admin and mentors."""
    from django.contrib.auth.hashers import make_password

    from werkplek.accounts.models import Membership, Organisation, User
    from werkplek.sectorpacks.loader import load_all
    from werkplek.sectorpacks.models import SectorPack
    from werkplek.sectorpacks.services import organisation_adopt_pack

    if Organisation.objects.filter(slug=context.slug).exists():
        raise ValueError(f"An organisation {context.slug!r} exists already; choose another --slug.")
    pack = SectorPack.objects.filter(code="bus_coach").first()
    if pack is None:
        list(load_all())
        pack = SectorPack.objects.get(code="bus_coach")
    org = Organisation.objects.create(
        name=f"Bench {context.slug}", slug=context.slug, enterprise_number="0403170701"
    )
    organisation_adopt_pack(organisation=org, pack=pack)
    password = make_password(PASSWORD)
    domain = f"{context.slug}.bench.invalid"
    people = [
        User(email=f"admin@{domain}", full_name="Bench Admin", password=password),
        User(email=f"coordinator@{domain}", full_name="Bench Coordinator", password=password),
    ] + [
        User(
            email=f"mentor{n}@{domain}",
            full_name=f"{context.rng.choice(FIRST_NAMES)} {context.rng.choice(LAST_NAMES)}",
            password=password,
        )
        for n in range(max(1, context.size("mentors")))
    ]
    context.bulk(User, people)
    people = list(User.objects.filter(email__endswith=f"@{domain}").order_by("id"))
    roles = [Membership.Role.ADMIN, Membership.Role.COORDINATOR]
    context.bulk(
        Membership,
        (
            Membership(
                user=user,
                organisation=org,
                role=roles[index] if index < 2 else Membership.Role.MENTOR,
            )
            for index, user in enumerate(people)
        ),
    )
    context.organisation = org
    context.coordinator = people[1]
    context.mentors = people[2:]


def trajectories(context: GenerateContext) -> None:
    """Candidates with one trajectory each, over every status, and a mentor each."""
    from werkplek.candidates.models import Candidate
    from werkplek.core.search import search_key
    from werkplek.trajectories.models import MentorAssignment, Trajectory

    rng, org, today = context.rng, context.organisation, context.today
    count = context.size("trajectories")
    context.bulk(
        Candidate,
        (
            Candidate(
                organisation=org,
                first_name=(first := rng.choice(FIRST_NAMES)),
                last_name=(last := f"{rng.choice(LAST_NAMES)} {n}"),
                email=(email := f"kandidaat{n}@{context.slug}.bench.invalid"),
                search_key=search_key(first, last, email),
                language="nl",
                date_of_birth=date(1975, 1, 1) + timedelta(days=rng.randint(0, 12_000)),
                postal_code=(city := rng.choice(CITIES))[0],
                city=city[1],
            )
            for n in range(count)
        ),
    )
    candidate_ids = list(
        Candidate.objects.filter(organisation=org).order_by("id").values_list("id", flat=True)
    )
    # (status, step, share): most trajectories run; a realistic tail before and after.
    spread = [
        ("draft", 1, 5),
        ("preparing", 1, 10),
        ("ready", 3, 5),
        ("running", 4, 45),
        ("running", 5, 10),
        ("finishing", 8, 5),
        ("closed", 8, 15),
        ("stopped", 4, 5),
    ]
    choices = [(status, step) for status, step, share in spread for _ in range(share)]
    kinds = ["ibo"] * 6 + ["stage"] * 2 + ["dual", "onboarding"]

    def build():
        for candidate_id in candidate_ids:
            status, step = rng.choice(choices)
            offset = {"draft": 60, "preparing": 30, "ready": 7}.get(status, -rng.randint(7, 150))
            if status in ("closed", "stopped"):
                offset = -rng.randint(200, 700)
            start = today + timedelta(days=offset)
            yield Trajectory(
                organisation=org,
                candidate_id=candidate_id,
                kind=rng.choice(kinds),
                coordinator=context.coordinator,
                status=status,
                step=step,
                planned_start=start,
                planned_end=start + timedelta(weeks=rng.choice([13, 17, 26])),
                actual_start=start if status not in ("draft", "preparing", "ready") else None,
                hours_per_week=Decimal("38.00"),
                job_title="Buschauffeur",
            )

    context.bulk(Trajectory, build())
    context.trajectories = list(
        Trajectory.objects.filter(organisation=org)
        .order_by("id")
        .values_list("id", "candidate_id", "status", "planned_start", "planned_end")
    )
    mentors = context.mentors
    context.bulk(
        MentorAssignment,
        (
            MentorAssignment(trajectory_id=row[0], mentor=mentors[index % len(mentors)])
            for index, row in enumerate(context.trajectories)
        ),
    )


def checklists(context: GenerateContext) -> None:
    """Each trajectory's own copy of the organisation's checklist template, as
    `checklist_copy_to_trajectory` makes it (tree order, due dates from the plan), one tree
    level at a time so that children know their parent's id. Past items are mostly done."""
    from werkplek.checklists.models import ChecklistItem, ChecklistTemplate
    from werkplek.checklists.services import due_date_for
    from werkplek.trajectories.models import Trajectory

    template = ChecklistTemplate.objects.filter(organisation=context.organisation).first()
    if template is None:
        return
    items = list(template.items.order_by("position", "id"))
    children_of: dict[int | None, list] = {}
    for item in items:
        children_of.setdefault(item.parent_id, []).append(item)
    kinds = dict(
        Trajectory.objects.filter(organisation=context.organisation).values_list("id", "kind")
    )
    # Per kind, the copies in tree order: (source, parent source id, depth, position, phase)
    plan: dict[str, list[tuple]] = {}
    for kind in set(kinds.values()):
        rows: list[tuple] = []
        rows_phase: dict[int, str] = {}

        def walk(parent, depth, kind=kind, rows=rows, rows_phase=rows_phase):
            for source in children_of.get(parent.pk if parent else None, []):
                if not source.applies_to(kind):
                    continue
                phase = rows_phase.get(parent.pk) if parent else source.phase
                rows_phase[source.pk] = phase
                rows.append((source, parent.pk if parent else None, depth, len(rows) + 1, phase))
                walk(source, depth + 1)

        walk(None, 0)
        plan[kind] = rows
    depth_max = max((row[2] for rows in plan.values() for row in rows), default=-1)
    now, today, rng = timezone.now(), context.today, context.rng
    copies: dict[tuple[int, int], int] = {}  # (trajectory id, source id) → checklist item id

    for depth in range(depth_max + 1):
        keys: list[tuple[int, int]] = []

        def build(depth=depth, keys=keys):
            for trajectory_id, _candidate, status, start, end in context.trajectories:
                for source, parent_id, item_depth, position, phase in plan[kinds[trajectory_id]]:
                    if item_depth != depth:
                        continue
                    due = due_date_for(
                        due_days=source.due_days, anchor=source.due_anchor, start=start, end=end
                    )
                    done = not source.rule and (
                        status in ("closed", "stopped")
                        or (due is not None and due < today and rng.random() < 0.85)
                    )
                    keys.append((trajectory_id, source.pk))
                    yield ChecklistItem(
                        trajectory_id=trajectory_id,
                        parent_id=copies.get((trajectory_id, parent_id)) if parent_id else None,
                        phase=phase,
                        code=source.code,
                        label=source.label,
                        required=source.required,
                        rule=source.rule,
                        due_days=source.due_days,
                        due_anchor=source.due_anchor,
                        due_date=due,
                        position=position,
                        state="done" if done else "open",
                        resolved_at=now if done else None,
                        resolved_by=context.coordinator if done else None,
                    )

        def remember(chunk, keys=keys, done=[0]):  # noqa: B006 (a counter across chunks)
            for item in chunk:  # PostgreSQL and SQLite >= 3.35 return the new ids
                copies[keys[done[0]]] = item.pk
                done[0] += 1

        context.bulk(ChecklistItem, build(), after=remember)


def credentials(context: GenerateContext) -> None:
    """The candidates' licences, code 95, medical fitness and driver cards, expiring from a
    year ago to four years ahead (the radar and the reminder scan look at those)."""
    from werkplek.credentials.models import Credential, CredentialType

    types = list(CredentialType.objects.filter(organisation=context.organisation, has_expiry=True))
    total = context.size("credentials")
    if not types or not total or not context.trajectories:
        return
    rng, today = context.rng, context.today
    candidates = [row[1] for row in context.trajectories]

    def build():
        for n in range(total):
            expires = today + timedelta(days=rng.randint(-365, 1460))
            yield Credential(
                organisation=context.organisation,
                candidate_id=candidates[n % len(candidates)],
                type=types[(n // len(candidates)) % len(types)],
                issued_on=expires - timedelta(days=5 * 365),
                expires_on=expires,
                recorded_by=context.coordinator,
            )

    context.bulk(Credential, build())


def competences(context: GenerateContext) -> None:
    """A framework per started trajectory, its baseline, and later ratings (logbook/evaluation)."""
    from werkplek.competences.models import (
        Competence,
        CompetenceFramework,
        CompetenceProfile,
        CompetenceRating,
    )

    framework = (
        CompetenceFramework.objects.filter(organisation=context.organisation)
        .select_related("scale")
        .order_by("position", "id")
        .first()
    )
    if framework is None:
        return
    competence_ids = list(
        Competence.objects.filter(framework=framework, is_active=True).values_list("id", flat=True)
    )
    top = max(1, len(framework.scale.levels))
    started = [t for t in context.trajectories if t[2] not in ("draft",)]
    context.bulk(
        CompetenceProfile,
        (CompetenceProfile(trajectory_id=t[0], framework=framework) for t in started),
    )
    rng = context.rng

    def baseline():
        for trajectory_id, _c, _s, start, _e in started:
            for competence_id in competence_ids:
                yield CompetenceRating(
                    trajectory_id=trajectory_id,
                    competence_id=competence_id,
                    level=rng.randint(1, max(1, top - 1)),
                    rated_on=start - timedelta(days=7),
                    source="baseline",
                    rated_by=context.coordinator,
                )

    context.bulk(CompetenceRating, baseline())

    def later():
        for (trajectory_id, _c, _s, start, _e), count in context.spread(context.size("ratings")):
            for n in range(count):
                yield CompetenceRating(
                    trajectory_id=trajectory_id,
                    competence_id=competence_ids[n % len(competence_ids)],
                    level=rng.randint(1, top),
                    rated_on=start + timedelta(days=7 + n),
                    source=rng.choice(["logbook", "evaluation"]),
                )

    if competence_ids:
        context.bulk(CompetenceRating, later())


def plans(context: GenerateContext) -> None:
    """An agreed opleidingsplan (goals and weekly learning moments) for started trajectories."""
    from werkplek.competences.models import Competence
    from werkplek.plans.models import LearningMoment, PlanGoal, PlanVersion

    started = [t for t in context.trajectories if t[2] in ("running", "finishing", "closed")]
    started = started[: context.size("plans")]
    if not started:
        return
    now = timezone.now()
    context.bulk(
        PlanVersion,
        (
            PlanVersion(
                trajectory_id=t[0],
                number=1,
                status="agreed",
                created_by=context.coordinator,
                agreed_at=now,
                agreed_by=context.coordinator,
            )
            for t in started
        ),
    )
    versions = dict(
        PlanVersion.objects.filter(trajectory__organisation=context.organisation).values_list(
            "trajectory_id", "id"
        )
    )
    competence_ids = list(
        Competence.objects.filter(framework__organisation=context.organisation).values_list(
            "id", flat=True
        )[:4]
    )
    context.bulk(
        PlanGoal,
        (
            PlanGoal(
                version_id=versions[t[0]],
                competence_id=competence_id,
                target_level=3,
                target_date=t[4],
                position=position,
            )
            for t in started
            for position, competence_id in enumerate(competence_ids)
        ),
    )
    context.bulk(
        LearningMoment,
        (
            LearningMoment(
                version_id=versions[t[0]],
                date=t[3] + timedelta(weeks=week),
                duration_hours=Decimal("2.00"),
                topic=f"Lesmoment week {week + 1}",
                led_by=context.mentors[index % len(context.mentors)],
            )
            for index, t in enumerate(started)
            for week in range(6)
        ),
    )


def logbook(context: GenerateContext) -> None:
    """Unorganised logbook entries, one a working day from the start of each trajectory."""
    from werkplek.logbook.models import LogEntry

    rng, mentors = context.rng, context.mentors

    def build():
        for (trajectory_id, _c, _s, start, _e), count in context.spread(context.size("logbook")):
            author = mentors[trajectory_id % len(mentors)]
            for n in range(count):
                yield LogEntry(
                    trajectory_id=trajectory_id,
                    author=author,
                    date=start + timedelta(days=n % 180),
                    description=rng.choice(LOG_TEXTS),
                    hours=Decimal("1.50"),
                )

    context.bulk(LogEntry, build())


def attendance(context: GenerateContext) -> None:
    """Attendance days from the start of each trajectory, weekdays, mostly present."""
    from werkplek.attendance.models import AttendanceDay

    rng = context.rng
    statuses = ["present"] * 18 + ["sick", "excused"]

    def build():
        for (trajectory_id, _c, _s, start, _e), count in context.spread(context.size("attendance")):
            day = start
            for _n in range(count):
                while day.weekday() >= 5:
                    day += timedelta(days=1)
                status = rng.choice(statuses)
                yield AttendanceDay(
                    trajectory_id=trajectory_id,
                    date=day,
                    status=status,
                    hours=Decimal("7.60") if status == "present" else Decimal("0"),
                    recorded_by=context.coordinator,
                )
                day += timedelta(days=1)

    context.bulk(AttendanceDay, build())


def stored_facts(context: GenerateContext) -> None:
    """The facts the services keep on the rows (bulk inserts bypass them): last logs, current
    credentials."""
    from werkplek.accounts.models import Organisation
    from werkplek.credentials.services import credentials_current_refresh
    from werkplek.logbook.services import last_log_refresh

    organisation_id = Organisation.objects.get(slug=context.slug).pk
    last_log_refresh(organisation_id=organisation_id)
    credentials_current_refresh(organisation_id=organisation_id)
