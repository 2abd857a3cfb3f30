"""Who is calling: a personal API token (`Authorization: Bearer wpk_…`) or, for people trying
the API in the browser, their signed-in session (with the usual CSRF check on changes)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from werkplek.accounts.models import User
from werkplek.accounts.two_factor import OTP_PENDING
from werkplek.api.errors import ApiError
from werkplek.api.selectors import api_token_for_secret
from werkplek.api.services import api_token_mark_used


class PersonalTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        api_token = api_token_for_secret(token)
        if api_token is None:
            raise ApiError(401, "invalid_token", _("This API token is not valid."))
        if api_token.is_revoked:
            raise ApiError(401, "token_revoked", _("This API token has been revoked."))
        if api_token.is_expired:
            raise ApiError(401, "token_expired", _("This API token has expired."))
        if not api_token.user.is_active:
            raise ApiError(401, "user_inactive", _("The owner of this API token is deactivated."))
        api_token_mark_used(token=api_token)
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class SignedInSessionAuth(SessionAuth):
    """The browser session, for the interactive documentation."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None  # no session: a 401, not a CSRF complaint
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = super().authenticate(request, key)
        if user is not None and not user.is_active:
            return None
        if user is not None and request.session.get(OTP_PENDING):
            raise ApiError(
                401,
                "second_step_pending",
                _("Give the code from your authenticator app first, then use the API."),
            )
        return user


def may_write(request: HttpRequest) -> bool:
    """A session may do what the web interface allows; a token only if it was made to."""
    token = getattr(request, "api_token", None)
    return token is None or token.can_write
