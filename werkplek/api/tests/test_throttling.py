"""The API rate limit holds when one person's calls arrive at the same moment, as they do on
several app servers (or gunicorn workers) sharing one Redis: the scale-out test saw 73 of 180
simultaneous calls pass a limit of 60 while each call read the count, then wrote it back."""

import contextlib
import threading
from types import SimpleNamespace

from django.core.cache import cache

from werkplek.api.throttling import PerUserRateThrottle


class ReadsMeetInTheMiddle:
    """The default cache, but every read waits until the other call has read too: the
    interleaving two servers produce when two calls of one person arrive together."""

    def __init__(self, parties: int):
        self.barrier = threading.Barrier(parties, timeout=2)

    def get(self, *args, **kwargs):
        value = cache.get(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()
        return value

    def __getattr__(self, name):
        return getattr(cache, name)


def calls_allowed(settings, rate: str, calls: int) -> int:
    settings.API_RATE_LIMIT = rate
    shared = ReadsMeetInTheMiddle(calls)
    request = SimpleNamespace(user=SimpleNamespace(pk=4242, is_authenticated=True))
    allowed = []

    def call() -> None:
        throttle = PerUserRateThrottle()  # one per server: they share only the cache
        throttle.cache = shared
        allowed.append(throttle.allow_request(request))

    threads = [threading.Thread(target=call) for _ in range(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(allowed)


def test_simultaneous_calls_of_one_person_pass_the_limit_only_as_often_as_it_allows(settings):
    cache.clear()
    assert calls_allowed(settings, "1/m", 2) == 1
    cache.clear()
    assert calls_allowed(settings, "3/m", 6) == 3


def test_a_refused_call_does_not_count_and_another_person_has_their_own_limit(settings):
    cache.clear()
    settings.API_RATE_LIMIT = "2/m"
    throttle = PerUserRateThrottle()
    busy = SimpleNamespace(user=SimpleNamespace(pk=1, is_authenticated=True))
    other = SimpleNamespace(user=SimpleNamespace(pk=2, is_authenticated=True))
    assert [throttle.allow_request(busy) for _ in range(5)] == [True, True, False, False, False]
    assert 1 <= throttle.wait() <= 60
    assert throttle.allow_request(other)


def test_the_turn_of_a_minute_gives_no_second_allowance(settings):
    cache.clear()
    settings.API_RATE_LIMIT = "3/m"
    throttle = PerUserRateThrottle()
    person = SimpleNamespace(user=SimpleNamespace(pk=7, is_authenticated=True))
    clock = [60 * 1000 + 59.5]  # half a second before a minute turns
    throttle.timer = lambda: clock[0]
    assert [throttle.allow_request(person) for _ in range(3)] == [True, True, True]
    clock[0] += 1.0
    assert not throttle.allow_request(person)
    assert 1 <= throttle.wait() <= 60
    clock[0] += 30  # about half of the last minute has slid out: one call again, not three
    assert [throttle.allow_request(person) for _ in range(3)] == [True, False, False]
