"""Obligations: what waits for whom, derived from facts.

An obligation is something one person must do for one trajectory (sign an evaluation, fill
in a self-assessment, acknowledge a plan version, log last week's attendance, hold a due
follow-up, verify a credential, keep an action point). Nobody stores obligations: each app
that owns a fact declares a *source* that derives the open ones from its data, and they
disappear when the fact is done. The pages where people look (the trainee's "waiting for
you", the mentor's Today, the coordinator's home, the guest's page), the inbox, the e-mail
digest and the calendar feed all read them from here.

Declaring a source (one call, in your AppConfig.ready())
--------------------------------------------------------
    from werkplek.core.obligations import register_obligation_source

    register_obligation_source(
        "evaluations.sign",
        open_signatures,
        texts={"evaluations.sign": _("Sign the %(evaluation)s of %(trainee)s")},
    )

The contract
------------
- `source(*, trajectories: QuerySet[Trajectory], today: date) -> Iterable[Obligation]`:
  every open obligation of those trajectories (any party). READ ONLY and SET-BASED: a fixed
  number of queries whatever the number of trajectories (use the queryset as a subquery).
- `user_id` is the one person who must act; `url` is where that person acts (a path inside
  the site, one tap away); `key` names the fact, stable while it is open
  ("evaluations.sign:<signature slot id>"), so a reminder is sent once per key.
- `texts` maps each `kind` to a message with %(name)s placeholders filled from `params`
  (JSON: strings, numbers, ISO dates ending in "date", label dicts {"nl","fr","en"}), shown
  in the reader's language by the same rules as notifications.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from werkplek.core.i18n import render_text


@dataclass(frozen=True)
class Obligation:
    kind: str  # "evaluations.sign", "plans.acknowledge", …: the text registered for it
    trajectory_id: int
    user_id: int  # who must act
    key: str  # the fact, stable while open: "<kind>:<object id>[:<user id>]"
    url: str  # where that person acts
    params: dict[str, Any] = field(default_factory=dict)
    due: date | None = None
    level: str = "info"  # "info", "soon", "late" (as notifications)


ObligationSource = Callable[..., Iterable[Obligation]]
OBLIGATION_SOURCES: dict[str, ObligationSource] = {}
OBLIGATION_TEXTS: dict[str, Promise | str] = {}


def register_obligation_source(
    code: str, source: ObligationSource, *, texts: dict[str, Promise | str]
) -> None:
    OBLIGATION_SOURCES[code] = source
    OBLIGATION_TEXTS.update(texts)


def obligations_for(
    *, trajectories: QuerySet, today: date, user_id: int | None = None
) -> list[Obligation]:
    """The open obligations of these trajectories (of one person when `user_id` is given),
    soonest due first; each source runs once over the whole set."""
    found = [
        obligation
        for source in OBLIGATION_SOURCES.values()
        for obligation in source(trajectories=trajectories, today=today)
        if user_id is None or obligation.user_id == user_id
    ]
    return sorted(found, key=lambda o: (o.due is None, o.due or date.max, o.kind, o.key))


def obligation_text(obligation: Obligation) -> str:
    """What the obligation asks, in the active language."""
    template = OBLIGATION_TEXTS.get(obligation.kind)
    return obligation.kind if template is None else render_text(template, obligation.params)
