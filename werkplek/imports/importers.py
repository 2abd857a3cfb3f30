"""What can be imported, column by column, and how a row becomes a record.

An importer offers `Column`s (a key, a label, the header texts it recognises), checks rows
(`check` → a `Plan` with, per row, what would happen or what is wrong) and carries a plan
out (`apply`). The candidate importer can be extended by other apps — the credentials app
adds columns such as "rijbewijs D geldig tot" — with `register_candidate_extension(...)`:
an extension adds columns, checks its part of each row (knowing the candidate the row
matched, if any) and applies it once the candidate is saved.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkplek.accounts.models import Language, Organisation, User
from werkplek.candidates.forms import CandidateForm
from werkplek.candidates.models import Candidate

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise | str
    aliases: tuple[str, ...] = ()  # header texts recognised, besides the label in nl/fr/en
    required: bool = False

    def recognises(self, header: str) -> bool:
        wanted = simplified(header)
        names = {*self.aliases, *translations(self.label)}
        return wanted in {simplified(name) for name in names}


@dataclass
class RowOutcome:
    line: int
    action: str
    name: str = ""
    email: str = ""
    changes: list[list[str]] = field(default_factory=list)  # [what, old, new]
    errors: list[list[str]] = field(default_factory=list)  # [what, message]

    def as_json(self) -> dict:
        return {
            "line": self.line,
            "action": self.action,
            "name": self.name,
            "email": self.email,
            "changes": self.changes,
            "errors": self.errors,
        }


@dataclass
class Plan:
    outcomes: list[RowOutcome] = field(default_factory=list)
    creates: list[Candidate] = field(default_factory=list)
    updates: list[tuple[Candidate, list[str]]] = field(default_factory=list)
    follow_ups: list[tuple["CandidateExtension", Candidate, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return {"rows": len(self.outcomes), **counts}


class CandidateExtension(Protocol):
    """What an app adds to the candidate import (see the module docstring)."""

    def columns(self, organisation: Organisation) -> list[Column]: ...

    def check(
        self, *, organisation: Organisation, values: dict[str, str], candidate: Candidate | None
    ) -> tuple[list[list[str]], list[list[str]], Any]:
        """(changes, errors, prepared) for this row; `prepared` is handed to `apply`."""

    def apply(self, *, candidate: Candidate, prepared: Any, by: User) -> None: ...

    # Optional: `start(organisation=)` is called once before the rows of a check.


CANDIDATE_EXTENSIONS: list[CandidateExtension] = []


def register_candidate_extension(extension: CandidateExtension) -> None:
    if extension not in CANDIDATE_EXTENSIONS:
        CANDIDATE_EXTENSIONS.append(extension)


# --- Recognising header texts and values -----------------------------------------------------


def simplified(text: str) -> str:
    """'E-mailadres ' → 'e mailadres'; 'Prénom' → 'prenom'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def translations(label: Promise | str) -> set[str]:
    names = set()
    for code, _name in Language.choices:
        with translation.override(code):
            names.add(str(label))
    return names


def choice_lookup(choices) -> dict[str, str]:
    """Every way to write a choice (its code, its label in nl/fr/en) → its code."""
    lookup = {}
    for value, label in choices:
        lookup[simplified(value)] = value
        for name in translations(label):
            lookup[simplified(name)] = value
    return lookup


YES_NO = {
    **dict.fromkeys(["ja", "yes", "oui", "j", "y", "1", "true", "waar", "vrai", "x"], "yes"),
    **dict.fromkeys(["nee", "neen", "no", "non", "n", "0", "false", "onwaar", "faux"], "no"),
}


# --- Candidates ----------------------------------------------------------------------------


def field_label(name: str) -> Promise:
    """The model's own label, so an exported list is recognised when imported again."""
    return Candidate._meta.get_field(name).verbose_name


class CandidateImportForm(CandidateForm):
    """The web form's rules; duplicates are the importer's business (by e-mail).

    Building a Django form copies all its fields, which is most of the time spent on a row;
    an import validates thousands of rows with one form, fed one row at a time.
    """

    def validate_unique(self):
        pass

    def validate_row(self, data: dict, organisation: Organisation) -> bool:
        self.data = data
        self.instance = Candidate(organisation=organisation)
        self._errors = None  # Django cleans again on the next look at the errors
        return self.is_valid()


class CandidateImporter:
    code = "candidates"
    label = gettext_lazy("Candidates")
    base_columns = [
        Column(
            "first_name",
            field_label("first_name"),
            ("voornaam", "firstname", "given name", "prenom"),
            required=True,
        ),
        Column(
            "last_name",
            field_label("last_name"),
            ("achternaam", "familienaam", "naam", "lastname", "surname", "nom de famille", "nom"),
            required=True,
        ),
        Column(
            "email",
            field_label("email"),
            ("e-mail", "email", "mail", "e-mailadres", "courriel", "adresse e-mail"),
            required=True,
        ),
        Column("phone", field_label("phone"), ("telefoon", "gsm", "tel", "mobile", "portable")),
        Column("language", field_label("language"), ("taal", "langue")),
        Column(
            "date_of_birth",
            field_label("date_of_birth"),
            ("geboortedatum", "geboren", "birth date", "birthdate", "date de naissance"),
        ),
        Column("street", field_label("street"), ("straat", "adres", "address", "rue")),
        Column("postal_code", field_label("postal_code"), ("postcode", "zip", "code postal")),
        Column(
            "city",
            field_label("city"),
            ("gemeente", "woonplaats", "stad", "plaats", "town", "commune", "localite", "ville"),
        ),
        Column("target_group", field_label("target_group"), ("doelgroep", "groupe cible")),
        Column("target_group_note", field_label("target_group_note")),
        Column("subsector_interest", field_label("subsector_interest"), ("interesse",)),
        Column(
            "has_relations_in_company",
            field_label("has_relations_in_company"),
            ("kennissen in het bedrijf",),
        ),
        Column("relations_in_company", field_label("relations_in_company")),
        Column("source", field_label("source"), ("bron", "herkomst", "kanaal")),
    ]

    def example_row(self) -> dict[str, str]:
        """A realistic row for the template file, in the active language."""
        return {
            "first_name": "Sarah",
            "last_name": "Van Damme",
            "email": "sarah.vandamme@example.be",
            "phone": "0472 55 66 77",
            "language": str(Language.DUTCH.label),
            "date_of_birth": "14/03/1997",
            "street": "Stationsstraat 12",
            "postal_code": "9300",
            "city": "Aalst",
            "subsector_interest": "Streekvervoer",
            "has_relations_in_company": _("no"),
            "source": str(Candidate.Source.VDAB.label),
        }

    def columns(self, organisation: Organisation) -> list[Column]:
        extra = [column for ext in CANDIDATE_EXTENSIONS for column in ext.columns(organisation)]
        return [*self.base_columns, *extra]

    def guess_mapping(self, organisation: Organisation, headers: list[str]) -> dict[str, str]:
        """Column index → key, for headers that name a column (each key at most once)."""
        mapping: dict[str, str] = {}
        columns = self.columns(organisation)
        for index, header in enumerate(headers):
            for column in columns:
                if column.key not in mapping.values() and column.recognises(header):
                    mapping[str(index)] = column.key
                    break
        return mapping

    def check(
        self,
        *,
        organisation: Organisation,
        rows: Iterable[list[str]],
        lines: list[int],
        mapping: dict[str, str],
        headers: list[str],
    ) -> Plan:
        """What every row would do; nothing is saved (existing candidates change in memory)."""
        checker = _CandidateCheck(self, organisation, mapping, headers)
        plan = Plan()
        for line, cells in zip(lines, rows, strict=True):
            checker.check_row(plan, line, {key: cells[int(i)] for i, key in mapping.items()})
        return plan


class _CandidateCheck:
    """The state of one check: who exists already, which e-mail addresses were seen."""

    form_fields = list(CandidateForm._meta.fields)

    def __init__(self, importer, organisation: Organisation, mapping: dict, headers: list[str]):
        self.organisation = organisation
        self.columns = {column.key: column for column in importer.columns(organisation)}
        self.titles = {key: headers[int(index)] for index, key in mapping.items()}
        self.choices = {
            "language": choice_lookup(Language.choices),
            "target_group": choice_lookup(Candidate.TargetGroup.choices),
            "source": choice_lookup(Candidate.Source.choices),
            "has_relations_in_company": YES_NO,
        }
        self.existing: dict[str, list[Candidate]] = {}
        for candidate in Candidate.objects.filter(organisation=organisation).exclude(email=""):
            self.existing.setdefault(candidate.email.lower(), []).append(candidate)
        self.first_line_of: dict[str, int] = {}
        self.form = CandidateImportForm({})
        for extension in CANDIDATE_EXTENSIONS:
            if hasattr(extension, "start"):  # optional: load what every row needs, once
                extension.start(organisation=organisation)

    def check_row(self, plan: Plan, line: int, values: dict[str, str]) -> None:
        name = " ".join(filter(None, [values.get("first_name"), values.get("last_name")]))
        outcome = RowOutcome(line=line, action=ERROR, name=name, email=values.get("email", ""))
        plan.outcomes.append(outcome)
        candidate = self._match(outcome, values.get("email", ""))
        form = self.form
        if not form.validate_row(self._form_data(candidate, values), self.organisation):
            for field_name, errors in form.errors.as_data().items():
                for error in errors:
                    if error.code == "invalid_choice":
                        message = self._allowed(field_name, values.get(field_name, ""))
                        self._problem(outcome, field_name, message)
                        continue
                    for message in error.messages:
                        self._problem(outcome, field_name, message)
        follow_ups = []
        for extension in CANDIDATE_EXTENSIONS:
            changes, errors, prepared = extension.check(
                organisation=self.organisation, values=values, candidate=candidate
            )
            outcome.changes.extend(changes)
            outcome.errors.extend(errors)
            follow_ups.append((extension, prepared))
        if outcome.errors:
            return
        target = self._plan_candidate(plan, outcome, candidate, form.cleaned_data)
        plan.follow_ups.extend((ext, target, prepared) for ext, prepared in follow_ups)

    def _problem(self, outcome: RowOutcome, key: str, message) -> None:
        column = self.columns.get(key)
        title = self.titles.get(key) or str(column.label if column else key)
        outcome.errors.append([title, str(message)])

    def _allowed(self, field_name: str, value: str) -> str:
        choices = CandidateImportForm.base_fields[field_name].choices
        labels = ", ".join(str(label) for code, label in choices if code != "")
        return _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": labels}

    def _match(self, outcome: RowOutcome, email: str) -> Candidate | None:
        """The existing candidate with this e-mail address, if exactly one."""
        if not email:
            message = _("Required: the e-mail address is how duplicates are found.")
            self._problem(outcome, "email", message)
            return None
        key = email.lower()
        if key in self.first_line_of:
            message = _("The same e-mail address as line %(line)d.")
            self._problem(outcome, "email", message % {"line": self.first_line_of[key]})
        self.first_line_of.setdefault(key, outcome.line)
        matches = self.existing.get(key, [])
        if len(matches) > 1:
            message = _("Several candidates have this e-mail address; merge them first.")
            self._problem(outcome, "email", message)
        return matches[0] if len(matches) == 1 else None

    def _form_data(self, candidate: Candidate | None, values: dict[str, str]) -> dict:
        """What the candidate has, overlaid with the row's non-empty cells."""
        data = {}
        if candidate is not None:
            data = {name: _form_text(getattr(candidate, name)) for name in self.form_fields}
        for name in self.form_fields:
            text = values.get(name, "")
            if text:
                lookup = self.choices.get(name, {})
                data[name] = lookup.get(simplified(text), text)
        data.setdefault("language", self.organisation.default_language)
        return data

    def _plan_candidate(
        self, plan: Plan, outcome: RowOutcome, candidate: Candidate | None, cleaned: dict
    ) -> Candidate:
        if candidate is None:
            candidate = Candidate(organisation=self.organisation, **cleaned)
            plan.creates.append(candidate)
            outcome.action = CREATE
            return candidate
        changed = [name for name in self.form_fields if getattr(candidate, name) != cleaned[name]]
        for name in changed:
            label = str(Candidate._meta.get_field(name).verbose_name)
            old, new = _display(candidate, name), _display_value(name, cleaned[name])
            outcome.changes.append([label, old, new])
            setattr(candidate, name, cleaned[name])
        if changed:
            plan.updates.append((candidate, changed))
        outcome.action = UPDATE if outcome.changes else UNCHANGED
        return candidate


def _form_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _display_value(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    field_ = Candidate._meta.get_field(name)
    if field_.choices:
        return str(dict(field_.flatchoices).get(value, value))
    return str(value)


def _display(candidate: Candidate, name: str) -> str:
    return _display_value(name, getattr(candidate, name))


IMPORTERS = {CandidateImporter.code: CandidateImporter()}
