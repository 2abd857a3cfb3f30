"""Finding and blanking a person's name and e-mail address wherever text was written about
them: free text, a notification's parameters, a timeline event's data, a history row.

`person_pattern` matches the full name (either order), each name on its own and the e-mail
addresses, as whole words and in any case; `scrub` replaces every match in the text, JSON
and history columns of the given records, in place (`QuerySet.update`: no history of the
scrubbing itself, which would hold the name again).
"""

import json
import re
from collections.abc import Iterable

from django.db import models

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def person_pattern(*, names: Iterable[str], words: Iterable[str] = ()) -> re.Pattern | None:
    """`names`: full names and addresses; `words`: single names (first or last), matched
    only as whole words of at least two letters."""
    alternatives = {text.strip() for text in names if text and len(text.strip()) >= 2}
    alternatives |= {word.strip() for word in words if word and len(word.strip()) >= 2}
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=len, reverse=True)  # "Jan Peeters" before "Jan"
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(text) for text in ordered) + r")(?!\w)",
        re.IGNORECASE,
    )


def scrubbed(value, pattern: re.Pattern, replacement: str):
    """`value` (text or a JSON structure) with every match replaced; keys are left alone."""
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [scrubbed(item, pattern, replacement) for item in value]
    if isinstance(value, dict):
        return {key: scrubbed(item, pattern, replacement) for key, item in value.items()}
    return value


def scrub(instances: Iterable[models.Model], pattern: re.Pattern, replacement: str) -> int:
    """Replace matches in every text and JSON column of `instances`; returns rows changed."""
    changed = 0
    for instance in instances:
        updates = {}
        for field in type(instance)._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS) or field.primary_key:
                continue
            value = getattr(instance, field.attname)
            new = scrubbed(value, pattern, replacement)
            if new != value:
                if isinstance(new, str) and field.max_length:
                    new = new[: field.max_length]
                updates[field.attname] = new
        if updates:
            type(instance)._base_manager.filter(pk=instance.pk).update(**updates)
            changed += 1
    return changed


def naming(queryset: models.QuerySet, fields: Iterable[str], texts: Iterable[str]):
    """Rows of `queryset` whose `fields` contain any of `texts` (a first, broad filter in the
    database; `scrub` then matches exactly). JSON is stored with non-ASCII escaped on some
    databases, so both spellings are looked for."""
    condition = models.Q()
    for text in {text for text in texts if text and len(text) >= 3}:
        spellings = {text, json.dumps(text)[1:-1]}
        for field in fields:
            for spelling in spellings:
                condition |= models.Q(**{f"{field}__icontains": spelling})
    if not condition:
        return queryset.none()
    return queryset.filter(condition)
