"""The scale-out test's probe task: each run adds one to its own counter in Redis, so the
test sees how many times every enqueued probe ran (exactly once, or it fails)."""

import os
import time

import redis
from django.tasks import task


@task()
def probe(number: int, seconds: float) -> int:
    time.sleep(seconds)  # long enough for a worker to be stopped in the middle of one
    return redis.Redis.from_url(os.environ["REDIS_URL"]).incr(f"scaleout:probe:{number}")
