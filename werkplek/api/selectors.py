from django.db.models import QuerySet

from werkplek.accounts.models import User
from werkplek.api.models import ApiToken
from werkplek.api.services import SECRET_PREFIX, secret_hash


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def api_token_for_secret(secret: str) -> ApiToken | None:
    """The token with this secret, whatever its state (the caller says why it is refused)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    return ApiToken.objects.select_related("user").filter(secret_hash=secret_hash(secret)).first()
