"""Double submits: a create form sent twice makes one record (idempotency).

Every create form carries a one-time token (`core.forms.SubmitOnceMixin`). `submit_once`
claims the token (a unique row, `SubmitToken`) in the same transaction as the create: the
first POST makes the record and notes its public_id; a repeat (a double click, a resend after
a slow answer) finds that record and answers as the first did. Two sends at the same moment
are safe on both databases: on PostgreSQL the second insert of the token waits for the first
transaction and then fails on the unique index; SQLite runs one writing transaction at a
time. A first send that is refused (a validation error) rolls its claim back, so the form
can be corrected and sent again with the same token.
"""

from collections.abc import Callable
from datetime import timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import User
from werkplek.core.models import SubmitToken

KEPT = timedelta(days=2)  # a token older than this is forgotten


def submit_once[Made: models.Model](
    *,
    token: UUID | None,
    user: User,
    action: str,
    model: type[Made],
    create: Callable[[], Made],
) -> tuple[Made, bool]:
    """Run `create` once per token; returns (the record, whether this call made it).

    Without a token (a client that sends none) every call creates. A token already used for
    something else, or by someone else, is refused with a ValidationError."""
    if token is None:
        return create(), True
    with transaction.atomic():
        SubmitToken.objects.filter(user=user, created_at__lt=timezone.now() - KEPT).delete()
        try:
            with transaction.atomic():
                claim = SubmitToken.objects.create(token=token, user=user, action=action)
        except IntegrityError:
            earlier = (
                SubmitToken.objects.filter(token=token, user=user, action=action)
                .values_list("result", flat=True)
                .first()
            )
            found = model._base_manager.filter(public_id=earlier).first() if earlier else None
            if found is None:
                raise ValidationError(
                    _("This form was already sent. Open it again to add another one."),
                    code="already_sent",
                ) from None
            return found, False
        made = create()
        claim.result = made.public_id
        claim.save(update_fields=["result"])
        return made, True
