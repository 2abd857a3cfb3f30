import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from werkplek.accounts.models import User
from werkplek.api.models import ApiToken

SECRET_PREFIX = "wpk_"
LAST_USED_PRECISION = timedelta(minutes=1)


def secret_hash(secret: str) -> str:
    """Tokens are long random strings, so a fast hash is as safe as a slow one here."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, can_write: bool = False, valid_days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token; returns it with its secret, which is never stored and shown once."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=secret[: len(SECRET_PREFIX) + 4],
        secret_hash=secret_hash(secret),
        can_write=can_write,
        expires_at=timezone.now() + timedelta(days=valid_days) if valid_days else None,
    )
    token.full_clean()
    token.save()
    return token, secret


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Remember when a token was last used, writing at most once a minute per token."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
