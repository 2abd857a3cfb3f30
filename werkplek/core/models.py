from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Timestamps for every table; `public_id` is what URLs and the API expose."""

    public_id = models.UUIDField(default=uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class SubmitToken(models.Model):
    """A create form's one-time token (idempotency, see core/idempotency.py): the first POST
    that carries it makes the record; a repeat finds what the first one made."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=60)
    result = models.UUIDField(null=True, blank=True)  # the public_id of what was made
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.action} · {self.token}"
