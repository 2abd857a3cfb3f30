import pytest

from werkplek.api.tests.helpers import ApiClient


@pytest.fixture
def api_for(db):
    """api_for(user, can_write=True) → an ApiClient with a fresh personal token."""

    def make(user, *, can_write: bool = True) -> ApiClient:
        return ApiClient(user, can_write=can_write)

    return make
