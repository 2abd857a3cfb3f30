"""One candidate per e-mail address in an organisation (issue 19 item 5).

Existing duplicates (same organisation, same address whatever the case) are resolved before
the constraint is added: the candidate with a login (else the oldest) keeps the address; the
others keep everything but the address, which is left in their history (the audit trail
gets a row saying why it was cleared), so nothing is lost and a coordinator can sort it out.
"""

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Lower
from django.utils import timezone

from werkplek.core.search import search_key

REASON = "E-mail address cleared: another candidate of the organisation has it ({email})."


def clear_duplicate_emails(apps, schema_editor):
    Candidate = apps.get_model("candidates", "Candidate")
    History = apps.get_model("audit", "HistoricalCandidate")
    history_fields = {field.attname for field in History._meta.fields}
    seen: set[tuple[int, str]] = set()
    candidates = (
        Candidate.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .order_by("organisation_id", "address", models.F("user_id").asc(nulls_last=True), "pk")
    )
    for candidate in candidates.iterator():
        key = (candidate.organisation_id, candidate.address)
        if key not in seen:
            seen.add(key)
            continue
        email = candidate.email
        candidate.email = ""
        candidate.search_key = search_key(candidate.first_name, candidate.last_name, "")
        candidate.updated_at = timezone.now()
        candidate.save(update_fields=["email", "search_key", "updated_at"])
        values = {
            field.attname: getattr(candidate, field.attname)
            for field in Candidate._meta.fields
            if field.attname in history_fields
        }
        History.objects.create(
            **values,
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON.format(email=email),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_names_on_one_line"),
        ("audit", "0005_history_plan_version_proposed"),
        ("candidates", "0004_merge_search_key_and_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(clear_duplicate_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.UniqueConstraint(
                models.F("organisation"),
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("email", ""), _negated=True),
                name="cand_org_email_unique",
                violation_error_code="duplicate_email",
                violation_error_message="Another candidate already has this e-mail address.",
            ),
        ),
    ]
