"""A name cannot inject markup into a PDF nor break its download (issue 19 item 4)."""

import pytest

from werkplek.candidates.models import Candidate
from werkplek.printing.pdf import css_string
from werkplek.printing.tests.factories import full_trajectory, pdf_text

HOSTILE = "Peeters</style><h1>INJECTED</h1><style>\f\r\\"


@pytest.fixture
def trajectory(make_trajectory, organisation, mentor, coordinator):
    return full_trajectory(make_trajectory, organisation, mentor=mentor, coordinator=coordinator)


def plan_url(trajectory):
    return f"/o/autocars/print/{trajectory.public_id}/plan.pdf"


@pytest.mark.parametrize("text", [HOSTILE, 'a"b', "x\ny", "\x00\x1f\x7f<>&"])
def test_a_css_string_holds_nothing_that_ends_a_style_element_or_the_string(text):
    literal = css_string(text)
    assert literal.startswith('"') and literal.endswith('"')
    inside = literal[1:-1]
    assert not any(char in inside for char in '<>&"\n\r\f\x00\x1f\x7f')
    # Only hexadecimal escapes remain, each closed by a space: "\3c " for "<".
    assert all(part[:1] in "0123456789abcdef" for part in inside.split("\\")[1:])


def test_a_name_stored_before_the_door_was_shut_neither_prints_the_stylesheet_nor_fails(
    client_for, coordinator, trajectory
):
    Candidate.objects.filter(pk=trajectory.candidate_id).update(last_name=HOSTILE)
    response = client_for(coordinator).get(plan_url(trajectory))
    assert response.status_code == 200
    assert "\r" not in response["Content-Disposition"]
    assert "\n" not in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "@page" not in text and "font-family" not in text
    assert "Opleidingsplan" in text


def test_the_candidate_form_cleans_control_characters_from_names(
    client_for, coordinator, trajectory
):
    candidate = trajectory.candidate
    response = client_for(coordinator).post(
        f"/o/autocars/candidates/{candidate.public_id}/edit/",
        {
            "first_name": "Zoë\r\nBcc: x@example.be",
            "last_name": "Van\tHoë\x0bgaerden\u2028",
            "email": candidate.email,
            "language": "nl",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    candidate.refresh_from_db()
    assert candidate.first_name == "Zoë Bcc: x@example.be"
    assert candidate.last_name == "Van Hoë gaerden"
