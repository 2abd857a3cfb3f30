"""How often one person may call the API: `API_RATE_LIMIT` requests per period (default
"600/m"), counted per user (token or session alike) in the default cache; an empty setting
switches the limit off. Over the limit the answer is a 429 with Retry-After.

The rate is read from the settings on every request, so a deployment (and a test) changes
it without a restart; with several app servers the cache must be shared (Redis) for the
count to hold across them.
"""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import UserRateThrottle


class PerUserRateThrottle(UserRateThrottle):
    scope = "api_user"

    def __init__(self):
        self.rate = None

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE_LIMIT or None
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
