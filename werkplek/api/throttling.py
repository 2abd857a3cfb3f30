"""How often one person may call the API: `API_RATE_LIMIT` requests per period (default
"600/m"), counted per user (token or session alike) in the default cache; an empty setting
switches the limit off. Over the limit the answer is a 429 with Retry-After.

The rate is read from the settings on every request, so a deployment (and a test) changes
it without a restart; with several app servers the cache must be shared (Redis) for the
count to hold across them.

The count is kept with the cache's atomic increment, never read and written back: calls of
one person arriving together on several servers would each read the same count and let more
through than the limit (the scale-out test saw 73 of 180 pass a limit of 60). It is a
sliding window of one period, estimated from two fixed windows: the previous window's count,
weighed by how much of it is still inside the last period, plus the current one's. A refused
call is taken off again, so it does not count.
"""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import UserRateThrottle


class PerUserRateThrottle(UserRateThrottle):
    scope = "api_user"

    def __init__(self):
        self.rate = None
        self.retry_after = None

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE_LIMIT or None
        if self.rate is None:
            return True
        limit, period = self.parse_rate(self.rate)
        key = self.get_cache_key(request)
        window, elapsed = divmod(self.timer(), period)
        current = f"{key}:{int(window)}"
        previous = self.cache.get(f"{key}:{int(window) - 1}", 0)
        self.cache.add(current, 0, timeout=2 * period)
        count = self.cache.incr(current)
        if previous * (1 - elapsed / period) + count <= limit:
            return True
        self.cache.decr(current)
        self.retry_after = max(1.0, period - elapsed)
        return False

    def wait(self) -> float | None:
        return self.retry_after
