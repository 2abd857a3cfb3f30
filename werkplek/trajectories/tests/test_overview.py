"""The trajectory overview: what is next first, finished phases folded, every tab reachable."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from werkplek.checklists.models import ChecklistItem, Phase
from werkplek.core.extensions import TRAJECTORY_TABS
from werkplek.core.templatetags.werkplek import TABS_SHOWN_SMALL, TABS_SHOWN_WIDE


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def phase_sections(page: str) -> dict[str, str]:
    """The opening tag of each checklist phase, by its heading."""
    found = re.findall(
        r'(<details class="card checklist__phase"[^>]*>)\s*<summary><h3 id="phase-\w+">([^<]+)<',
        page,
    )
    return {title.strip(): tag for tag, title in found}


def test_what_is_next_comes_before_the_checklist(client_for, coordinator, mentor, make_trajectory):
    trajectory = make_trajectory(mentors=[mentor])
    today = timezone.localdate()
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    late = trajectory.checklist_items.get(code="motivation_interview")
    late.due_date = today - timedelta(days=3)
    late.save(update_fields=["due_date"])
    soon = trajectory.checklist_items.get(code="driving_test")
    soon.due_date = today + timedelta(days=10)
    soon.save(update_fields=["due_date"])

    page = html(client_for(coordinator).get(trajectory.get_absolute_url()))

    next_start = page.index('id="next-panel-heading"')
    assert next_start < page.index('id="checklist-heading"')
    panel = page[next_start : page.index("</section>", next_start)]
    assert panel.index("plan een motivatiegesprek") < panel.index(
        "laat de kandidaat een rijtest afleggen"
    )
    assert (today - timedelta(days=3)).strftime("%d/%m/%Y") in panel
    assert "agenda__entry--late" in panel


def test_open_items_without_a_date_come_next_in_their_order(
    client_for, coordinator, make_trajectory
):
    trajectory = make_trajectory()
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    first = trajectory.checklist_items.filter(required=True).order_by("position")[1]
    trajectory.checklist_items.filter(position__lt=first.position).update(
        state=ChecklistItem.State.DONE, resolved_at=timezone.now()
    )

    page = html(client_for(coordinator).get(trajectory.get_absolute_url()))

    start = page.index('id="next-panel-heading"')
    panel = page[start : page.index("</section>", start)]
    assert f'href="#item-{first.public_id}"' in panel


def test_nothing_next_says_so(client_for, coordinator, make_trajectory):
    trajectory = make_trajectory()
    ChecklistItem.objects.filter(trajectory=trajectory).update(
        due_date=None, state=ChecklistItem.State.DONE, resolved_at=timezone.now()
    )
    page = html(client_for(coordinator).get(trajectory.get_absolute_url()))
    assert "Niets te laat of gepland in de komende 30 dagen." in page


def test_finished_phases_are_folded_and_open_ones_unfolded(
    client_for, coordinator, make_trajectory
):
    trajectory = make_trajectory()
    first_phase = trajectory.checklist_items.order_by("position").first().phase
    trajectory.checklist_items.filter(phase=first_phase).update(
        state=ChecklistItem.State.DONE, resolved_at=timezone.now()
    )

    page = html(client_for(coordinator).get(trajectory.get_absolute_url()))

    phases = phase_sections(page)
    assert len(phases) >= 2
    folded = [title for title, tag in phases.items() if " open" not in tag]
    unfolded = [title for title, tag in phases.items() if " open" in tag]
    assert folded == [str(Phase(first_phase).label)]
    assert len(unfolded) == len(phases) - 1


def tab_bar(page: str) -> str:
    start = page.index('<nav class="tabs"')
    return page[start : page.index("</nav>", start)]


def test_tabs_that_do_not_fit_fold_into_more_and_every_tab_is_reachable(
    client_for, coordinator, make_trajectory
):
    trajectory = make_trajectory()
    tabs = [tab for tab in TRAJECTORY_TABS if "coordinator" in tab.roles]
    assert len(tabs) > TABS_SHOWN_WIDE  # there is something to fold

    bar = tab_bar(html(client_for(coordinator).get(trajectory.get_absolute_url())))

    inline, more = bar.split('<details class="tabs__more', 1)
    links = re.findall(r'<a href="([^"]+)"( class="[^"]*")?', inline)
    # wide screens: the first TABS_SHOWN_WIDE in the bar; phones: the first TABS_SHOWN_SMALL
    assert len(links) == TABS_SHOWN_WIDE
    assert [cls for _url, cls in links[TABS_SHOWN_SMALL:]] == [' class="tabs__wide"'] * (
        TABS_SHOWN_WIDE - TABS_SHOWN_SMALL
    )
    folded = re.findall(r'<a href="([^"]+)"', more)
    assert len(folded) == len(tabs) - TABS_SHOWN_SMALL
    expected = {
        reverse(tab.url_name, kwargs={"org": "autocars", "public_id": trajectory.public_id})
        for tab in tabs
    }
    assert {url for url, _cls in links} | set(folded) == expected


def test_the_current_tab_shows_in_the_bar_even_when_it_would_fold(
    client_for, coordinator, make_trajectory
):
    trajectory = make_trajectory()
    page = html(
        client_for(coordinator).get(f"/o/autocars/trajectories/{trajectory.public_id}/history/")
    )
    inline = tab_bar(page).split('<details class="tabs__more', 1)[0]
    assert 'aria-current="page">Geschiedenis</a>' in inline
