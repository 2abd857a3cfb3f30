"""The report a data subject is handed on a request to see their data (GDPR art. 15).

Everything Werkplek keeps about one candidate, found the same generic way as the export (what
hangs off the candidate and their trajectories), then written for a person: grouped by
category, each field under its name in the reader's language, dates as dd/mm/yyyy, choices
as their labels, no internal ids, keys or raw structures. A new app's data appears under
"Other records" until it is given a category here.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.candidates.models import Candidate
from werkplek.core.i18n import localized

CATEGORIES = [
    ("identity", gettext_lazy("Identity and contact details"), {"candidates"}),
    (
        "trajectories",
        gettext_lazy("Trajectories"),
        {"trajectories", "checklists", "intake", "plans", "competences", "followup", "portal"},
    ),
    ("evaluations", gettext_lazy("Evaluations"), {"evaluations"}),
    ("logbook", gettext_lazy("Logbook"), {"logbook"}),
    ("credentials", gettext_lazy("Credentials"), {"credentials"}),
    ("documents", gettext_lazy("Documents"), {"documents", "printing"}),
    ("attendance", gettext_lazy("Attendance"), {"attendance"}),
    ("notifications", gettext_lazy("Notifications"), {"notifications"}),
    ("account", gettext_lazy("Sign-in and account"), {"accounts", "api", "otp_totp"}),
    ("reads", gettext_lazy("Who looked at your sensitive data"), {"audit"}),
]
OTHER = ("other", gettext_lazy("Other records"))
# Internal bookkeeping, never personal data worth showing, or secrets.
SKIPPED_NAMES = {
    "link",
    "code",
    "rule",
    "id",
    "public_id",
    "updated_at",
    "password",
    "lineage",
    "position",
    "version",
    "is_superuser",
    "is_staff",
    "groups",
    "user_permissions",
}
SECRET = re.compile(r"secret|token|hash|key$|checksum|ip_address", re.IGNORECASE)
CONTEXT_MODELS = ("trajectories.Trajectory", "candidates.Candidate", "accounts.Organisation")
# Records whose few meaningful fields are shown, the rest being bookkeeping.
ONLY_FIELDS = {
    "checklists.ChecklistItem": {"state", "due_date", "resolved_at", "resolved_by", "note"},
    "notifications.Notification": {"recipient", "level", "due_date", "read_at", "created_at"},
    "trajectories.TrajectoryEvent": {"actor", "at"},
    "audit.SensitiveRead": {"user", "what", "at"},
}
# Categories open with their main record.
MAIN_MODELS = ("candidates.Candidate", "trajectories.Trajectory", "evaluations.Evaluation")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGUAGE_KEYS = {"nl", "fr", "en"}


@dataclass
class Record:
    title: str
    facts: list[tuple[str, str]]


@dataclass
class Category:
    code: str
    label: str
    records: list[Record]


def _text(value) -> str:
    """Any stored value as text for a person."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal | float | int):
        return formats.number_format(value)
    if isinstance(value, dict):
        if value and set(value) <= LANGUAGE_KEYS:
            return localized(value)
        return " · ".join(text for text in map(_text, value.values()) if text)
    if isinstance(value, list | tuple):
        return ", ".join(text for text in map(_text, value) if text)
    if isinstance(value, str) and ISO_DATE.match(value):
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(value, str) and value.startswith(",") and value.endswith(","):
        return ", ".join(part for part in value.split(",") if part)  # a stored set: ",D,CE,"
    return str(value)


def _shown(field) -> bool:
    if not field.concrete or field.auto_created or field.name in SKIPPED_NAMES:
        return False
    if SECRET.search(field.name):
        return False
    if field.is_relation and field.related_model is not None:
        return field.related_model._meta.label not in CONTEXT_MODELS
    return True


def _value(instance, field) -> str:
    if field.choices:
        return _text(getattr(instance, f"get_{field.name}_display")())
    if isinstance(field, models.FileField):
        file = getattr(instance, field.name)
        return file.name.rsplit("/", 1)[-1] if file else ""
    if field.many_to_many:
        return ", ".join(str(related) for related in getattr(instance, field.name).all())
    if field.is_relation:
        related = getattr(instance, field.name, None)
        return str(related) if related is not None else ""
    return _text(getattr(instance, field.attname))


def _title(instance) -> str:
    from werkplek.notifications.models import Notification
    from werkplek.notifications.scanners import notification_text
    from werkplek.trajectories.events import event_text
    from werkplek.trajectories.models import TrajectoryEvent

    if isinstance(instance, Notification):  # its text, not its code and parameters
        return notification_text(instance.kind, instance.params)
    if isinstance(instance, TrajectoryEvent):
        return event_text(instance)
    if type(instance).__str__ is models.Model.__str__:
        return capfirst(str(instance._meta.verbose_name))
    return str(instance)


def _record(instance) -> Record:
    title = _title(instance)
    only = ONLY_FIELDS.get(instance._meta.label)
    facts = []
    for field in instance._meta.get_fields():
        if _shown(field) and (only is None or field.name in only):
            text = _value(instance, field)
            if text and text != title:
                facts.append((capfirst(str(field.verbose_name)), text))
    return Record(title=title, facts=facts)


def _category_of(model) -> tuple[str, str]:
    for code, label, apps in CATEGORIES:
        if model._meta.app_label in apps:
            return code, str(label)
    return OTHER[0], str(OTHER[1])


def access_report(candidate: Candidate) -> list[Category]:
    """The categories with records, in a fixed order, for the active language."""
    from werkplek.audit.backup import collect_all
    from werkplek.audit.gdpr import person_account_records

    found: dict[str, list] = {}
    collected = collect_all([candidate, *candidate.trajectories.all()])
    models_in_order = sorted(
        collected,
        key=lambda model: (model._meta.label not in MAIN_MODELS, model._meta.label),
    )
    instances = [
        instance
        for model in models_in_order
        if not hasattr(model, "instance_type")  # history rows: the audit trail, not the person
        for instance in sorted(collected[model], key=lambda obj: obj.pk)
    ]
    # The sign-in account (with its tokens and feed) and who read the sensitive data.
    known = {(type(instance), instance.pk) for instance in instances}
    instances += [
        record
        for record in person_account_records(candidate)
        if (type(record), record.pk) not in known
    ]
    for instance in instances:
        code, _label = _category_of(type(instance))
        found.setdefault(code, []).append(_record(instance))
    order = [(code, str(label)) for code, label, _apps in CATEGORIES] + [(OTHER[0], str(OTHER[1]))]
    return [Category(code, label, found[code]) for code, label in order if code in found]
