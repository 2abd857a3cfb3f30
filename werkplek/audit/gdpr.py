"""GDPR tooling: everything about one person (export), erasure by anonymisation, retention.

The export is generic: Django's deletion collector finds every record that hangs off the
candidate and their trajectories (what deleting them would delete), so a new app's data is
exported without touching this file; to that come the person's sign-in account (the user,
its API tokens without their secret, the calendar feed, two-step devices), the reads of their
sensitive data, and their files (`person_export_zip`).

Erasure anonymises instead of deleting: trajectories, signed plans and evaluations stay (an
organisation must be able to show what was agreed and counted) but no longer name the
person; credentials and documents (with their files) go, and the history rows that held the
person's details are purged. Every text and JSON column of what hangs off the person (free
text, notification parameters, timeline data, history rows) has the name and e-mail replaced
by the anonymous reference (audit/scrub.py). The sign-in account is closed: anonymised,
without password, tokens, feed, devices, sessions or notifications — unless it also serves
another organisation or another role, then only the trainee membership goes. An `Erasure`
row keeps the fact. Apps with more to do register an eraser with `register_person_eraser`.
"""

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.serializers import serialize
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from werkplek.accounts.models import Membership, Organisation, User
from werkplek.audit.backup import chunks
from werkplek.audit.models import AUDITED_MODELS, Erasure, RetentionPolicy, SensitiveRead
from werkplek.audit.scrub import naming, person_pattern, scrub
from werkplek.candidates.models import Candidate
from werkplek.credentials.models import Credential
from werkplek.documents.models import Document
from werkplek.logbook.models import LogEntry
from werkplek.trajectories.models import OPEN_STATUSES, TrajectoryEvent

ANONYMOUS = "—"
# Never exported, not even to the person: a password hash, a token's hash, a feed's or a
# two-step device's secret.
SECRET_FIELDS = {"password", "secret_hash", "secret", "key"}
DATABASE_SESSIONS = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}
PERSON_ERASERS: list[Callable] = []


def register_person_eraser(eraser: Callable) -> None:
    """`eraser(candidate=…)` removes or blanks an app's personal data; returns {label: count}."""
    if eraser not in PERSON_ERASERS:
        PERSON_ERASERS.append(eraser)


def _collect(candidate: Candidate) -> dict:
    from werkplek.audit.backup import collect_all

    return collect_all([candidate, *candidate.trajectories.all()])


def account_serves_others(user: User, organisation: Organisation) -> bool:
    """The account is more than this organisation's trainee: another role or organisation,
    or an installation administrator. Then it is not the person's alone to export or close."""
    if user.is_staff or user.is_superuser:
        return True
    return (
        Membership.objects.filter(user=user)
        .exclude(organisation=organisation, role=Membership.Role.TRAINEE)
        .exists()
    )


def person_account_records(candidate: Candidate) -> list:
    """The person's sign-in account in this organisation and what hangs off it, and the reads
    of their sensitive data. Tokens, feeds and devices only when the account is theirs alone
    (else they belong to the other organisation's member as well)."""
    from django_otp import devices_for_user

    from werkplek.notifications.models import CalendarFeed

    organisation = candidate.organisation
    records: list = list(
        SensitiveRead.objects.filter(organisation=organisation, candidate=candidate).order_by("pk")
    )
    user = candidate.user
    if user is None:
        return records
    records += [user, *user.memberships.filter(organisation=organisation)]
    records += list(user.notifications.filter(organisation=organisation).order_by("pk"))
    if not account_serves_others(user, organisation):
        records += list(user.api_tokens.order_by("pk"))
        records += list(CalendarFeed.objects.filter(user=user))
        records += list(devices_for_user(user, confirmed=None))
    return records


def _person_instances(candidate: Candidate) -> dict:
    """{model: [instances]} of everything about the candidate, history rows left out."""
    found: dict = {}
    seen = set()
    for model, instances in _collect(candidate).items():
        if not hasattr(model, "instance_type"):
            found[model] = list(instances)
            seen |= {(model, obj.pk) for obj in instances}
    for record in person_account_records(candidate):
        if (type(record), record.pk) not in seen:
            found.setdefault(type(record), []).append(record)
            seen.add((type(record), record.pk))
    return found


def person_records(candidate: Candidate) -> list[dict]:
    """[{model, label, records: [{field: value}]}] for everything about the candidate."""
    sections = []
    for model, instances in sorted(
        _person_instances(candidate).items(), key=lambda item: item[0]._meta.label
    ):
        rows = json.loads(serialize("json", sorted(instances, key=lambda obj: obj.pk)))
        sections.append(
            {
                "model": model._meta.label,
                "label": str(model._meta.verbose_name_plural),
                "records": [
                    {
                        "id": row["pk"],
                        **{k: v for k, v in row["fields"].items() if k not in SECRET_FIELDS},
                    }
                    for row in rows
                ],
            }
        )
    return sections


def person_export(candidate: Candidate) -> dict:
    return {
        "exported_at": timezone.now().isoformat(),
        "organisation": candidate.organisation.name,
        "person": candidate.full_name,
        "sections": person_records(candidate),
    }


def person_export_json(candidate: Candidate) -> str:
    return json.dumps(person_export(candidate), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def person_export_zip(candidate: Candidate) -> bytes:
    """`export.json` (as `person_export_json`) and the person's files under `files/`."""
    from werkplek.audit.backup import files_of

    records = [obj for objs in _person_instances(candidate).values() for obj in objs]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.json", person_export_json(candidate))
        for name in sorted(files_of(records)):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
    return buffer.getvalue()


@transaction.atomic
def person_erase(*, candidate: Candidate, by, reason: str) -> Erasure:
    """Anonymise the candidate; delete their credentials, documents and files; blank their
    name and address wherever it was written; close their sign-in account."""
    organisation = candidate.organisation
    reference = str(candidate.public_id)[:8]
    replacement = f"{ANONYMOUS} {reference}"
    user = candidate.user
    own_account = user is not None and not account_serves_others(user, organisation)
    full_names = {
        candidate.full_name,
        f"{candidate.first_name} {candidate.last_name}",
        f"{candidate.last_name} {candidate.first_name}",
        f"{candidate.last_name}, {candidate.first_name}",
        candidate.email,
    }
    if own_account:
        full_names |= {user.full_name, user.email}
    everywhere = person_pattern(names=full_names)
    # In what hangs off the person, their first or last name alone names them too.
    own = person_pattern(names=full_names, words=[candidate.first_name, candidate.last_name])

    summary: dict[str, int] = {}
    documents = list(Document.objects.filter(candidate=candidate))
    for document in documents:
        document.file.delete(save=False)
    summary["documents"] = len(documents)
    Document.objects.filter(candidate=candidate).delete()
    summary["credentials"] = Credential.objects.filter(candidate=candidate).delete()[0]
    for eraser in PERSON_ERASERS:
        summary.update(eraser(candidate=candidate) or {})
    if user is not None:
        summary["account"] = _account_close(
            user=user, organisation=organisation, replacement=replacement, own=own_account
        )
    for name in (
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "target_group_note",
        "subsector_interest",
        "relations_in_company",
    ):
        setattr(candidate, name, "")
    candidate.first_name = ANONYMOUS
    candidate.last_name = reference
    candidate.date_of_birth = None
    candidate.has_relations_in_company = None
    candidate.user = None
    candidate._change_reason = "erased"
    candidate.save()
    # The history kept the old values: only the anonymised state (and the fact) remain.
    history = Candidate.history.filter(id=candidate.pk)
    latest = history.order_by("-history_date", "-history_id").values("history_id")[:1]
    history.exclude(history_id__in=latest).delete()
    Credential.history.filter(candidate_id=candidate.pk).delete()
    Document.history.filter(candidate_id=candidate.pk).delete()
    LogEntry.history.filter(trajectory_id__in=candidate.trajectories.values("pk")).delete()
    if own is not None and everywhere is not None:
        summary["texts"] = _texts_scrub(
            candidate=candidate,
            own=own,
            everywhere=everywhere,
            replacement=replacement,
            texts=full_names,
        )
    return Erasure.objects.create(
        organisation=organisation,
        candidate=candidate,
        subject_reference=reference,
        reason=reason[:200],
        by=by,
        summary=summary,
    )


def _texts_scrub(
    *, candidate: Candidate, own, everywhere, replacement: str, texts: set[str]
) -> int:
    """Blank the name and addresses in every text and JSON column of what hangs off the person
    (and in those records' history), and in what others were told in the organisation."""
    from django_tasks_db.models import DBTaskResult

    collected = _collect(candidate)
    records = [obj for objs in collected.values() for obj in objs]
    records += person_account_records(candidate)
    for model in AUDITED_MODELS:
        for ids in chunks(obj.pk for obj in collected.get(model, ())):
            records += list(model.history.filter(id__in=ids))
    changed = scrub(records, own, replacement)
    organisation = candidate.organisation
    others = [
        naming(organisation.notifications.all(), ["params"], texts),
        naming(
            TrajectoryEvent.objects.filter(trajectory__organisation=organisation), ["data"], texts
        ),
    ]
    changed += sum(scrub(list(queryset), everywhere, replacement) for queryset in others)
    # E-mails waiting in (or kept by) the task queue: to the person, or naming them.
    tasks = naming(DBTaskResult.objects.all(), ["args_kwargs", "return_value"], texts)
    to_them = naming(tasks, ["args_kwargs"], [text for text in texts if "@" in text])
    changed += to_them.delete()[0]
    changed += scrub(list(tasks), everywhere, replacement)
    return changed


def _account_close(*, user: User, organisation: Organisation, replacement: str, own: bool) -> int:
    """End the person's access here. Their own account is anonymised and closed for good
    (no password, tokens, feed, devices, sessions, notifications, sign-in records); an
    account that also serves elsewhere only loses its trainee membership and this
    organisation's notifications. Returns the number of records removed."""
    removed = user.notifications.filter(organisation=organisation).delete()[0]
    memberships = Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.TRAINEE
    )
    if not own:
        for membership in memberships:
            membership.delete()
            removed += 1
        return removed
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp import devices_for_user

    memberships.update(is_active=False)
    removed += user.notifications.all().delete()[0]
    removed += user.api_tokens.all().delete()[0]
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    for related in ("calendar_feed", "notification_preference"):
        if hasattr(user, related):
            getattr(user, related).delete()
            removed += 1
    removed += user.digest_runs.all().delete()[0]
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        removed += model.objects.filter(username__iexact=user.email).delete()[0]
    removed += _sessions_end(user)
    AdminLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=replacement[:200], change_message="")
    user.email = f"erased-{user.public_id}@invalid"
    user.full_name = replacement
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    return removed


def _sessions_end(user: User) -> int:
    """Delete the person's stored sessions. Sessions kept only in a cache cannot be listed,
    but die at their next request anyway: the account is inactive and its password changed."""
    if settings.SESSION_ENGINE not in DATABASE_SESSIONS:
        return 0
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def candidates_past_retention(*, organisation, years: int, today: date):
    """Not yet erased, with trajectories, none open, the last one ended > `years` ago."""
    cutoff = today - timedelta(days=round(365.25 * years))
    return (
        Candidate.objects.filter(organisation=organisation, erasures__isnull=True)
        .filter(trajectories__isnull=False)
        .exclude(trajectories__status__in=OPEN_STATUSES)
        .annotate(
            ended=Max(Coalesce("trajectories__actual_end", TruncDate("trajectories__updated_at")))
        )
        .filter(Q(ended__lt=cutoff))
    )


def retention_enforce(*, today: date) -> int:
    """Anonymise everyone past their organisation's retention period; returns how many."""
    erased = 0
    for organisation in Organisation.objects.select_related("retention_policy"):
        years = retention_years(organisation)
        if years is None:
            continue
        for candidate in candidates_past_retention(
            organisation=organisation, years=years, today=today
        ):
            person_erase(
                candidate=candidate, by=None, reason=f"retention: {years} years after the end"
            )
            erased += 1
    return erased


def retention_years(organisation) -> int | None:
    try:
        return organisation.retention_policy.years_after_end
    except RetentionPolicy.DoesNotExist:
        return settings.RETENTION_YEARS_DEFAULT
