"""Facts loaded once per object and reused within one request.

A trajectory page asks several things of the same trajectory (two transition guards, an
overview panel); each would load the same rows. `memoized(trajectory, "key", loader)` keeps
the first result on that object. Views load a fresh object per request, transitions
re-read the trajectory under a lock, and checklist_refresh forgets the memo before and after
evaluating the rules, so a memo never outlives the request or refresh that made it.
"""

from collections.abc import Callable
from typing import Any

ATTRIBUTE = "_werkplek_memo"


def memoized[T](instance: Any, key: str, loader: Callable[[], T]) -> T:
    memo = instance.__dict__.setdefault(ATTRIBUTE, {})
    if key not in memo:
        memo[key] = loader()
    return memo[key]


def forget(instance: Any) -> None:
    """Drop what was memoized on the object, e.g. after its related rows changed."""
    instance.__dict__.pop(ATTRIBUTE, None)


MISSING = object()


def remember(instance: Any, key: str, value: Any) -> None:
    """Keep what a page already loaded, so that a panel of the same request can reuse it."""
    instance.__dict__.setdefault(ATTRIBUTE, {})[key] = value


def recalled(instance: Any, key: str) -> Any:
    """What was memoized or remembered on the object under `key`, else MISSING."""
    return instance.__dict__.get(ATTRIBUTE, {}).get(key, MISSING)
