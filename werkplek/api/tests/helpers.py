"""Calling the API in tests, as a person with a personal token."""

import json

from django.test import Client

from werkplek.api.services import api_token_create


class ApiClient:
    """A JSON client that sends a personal API token of `user`."""

    def __init__(self, user, *, can_write: bool = True, secret: str | None = None):
        if secret is None:
            _token, secret = api_token_create(user=user, name="tests", can_write=can_write)
        self.secret = secret
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def call(self, method: str, url: str, body=None, **headers):
        kwargs = {"content_type": "application/json", **headers}
        if body is not None:
            kwargs["data"] = json.dumps(body, default=str)
        return getattr(self.client, method.lower())(url, **kwargs)

    def get(self, url: str, **params):
        return self.client.get(url, params)

    def post(self, url: str, body=None, **headers):
        return self.call("post", url, body, **headers)

    def patch(self, url: str, body=None, **headers):
        return self.call("patch", url, body, **headers)


def org_url(path: str, org: str = "autocars") -> str:
    return f"/api/v1/organisations/{org}/{path.lstrip('/')}"
