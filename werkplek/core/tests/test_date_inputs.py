"""Date and time fields use the browser's pickers; the server takes ISO (what the picker
sends) and dd/mm/yyyy typed by hand, and a form sent back with an error shows the date again."""

import re
from datetime import date, datetime, time

from django import forms
from django.utils import timezone

from werkplek.core.forms import DateInput, DateTimeInput, TimeInput
from werkplek.trajectories.models import Trajectory


class MeetingForm(forms.Form):
    day = forms.DateField(widget=DateInput())
    starts_at = forms.DateTimeField(widget=DateTimeInput())
    at = forms.TimeField(widget=TimeInput(), required=False)
    place = forms.CharField()


def input_tag(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


def test_the_inputs_are_the_browsers_pickers_with_iso_values():
    form = MeetingForm(
        initial={
            "day": date(2027, 3, 15),
            "starts_at": timezone.make_aware(datetime(2027, 3, 15, 9, 30)),
            "at": time(14, 5),
        }
    )
    page = str(form)
    assert 'type="date"' in input_tag(page, "day") and 'value="2027-03-15"' in page
    assert 'type="datetime-local"' in input_tag(page, "starts_at")
    assert 'value="2027-03-15T09:30"' in input_tag(page, "starts_at")
    assert 'type="time"' in input_tag(page, "at") and 'value="14:05"' in input_tag(page, "at")


def test_iso_from_the_picker_and_typed_dd_mm_yyyy_are_both_accepted():
    for day, starts_at in (
        ("2027-03-15", "2027-03-15T09:30"),
        ("15/03/2027", "15/03/2027 09:30"),
        ("2027-03-15", "2027-03-15T09:30:00"),
    ):
        form = MeetingForm({"day": day, "starts_at": starts_at, "at": "14:05", "place": "Gent"})
        assert form.is_valid(), (day, starts_at, form.errors)
        assert form.cleaned_data["day"] == date(2027, 3, 15)
        local = timezone.localtime(form.cleaned_data["starts_at"])
        assert (local.date(), local.time()) == (date(2027, 3, 15), time(9, 30))


def test_after_an_error_elsewhere_typed_dates_come_back_in_the_picker():
    form = MeetingForm({"day": "15/03/2027", "starts_at": "15/03/2027 09:30", "place": ""})
    assert not form.is_valid() and list(form.errors) == ["place"]
    page = str(form)
    assert 'value="2027-03-15"' in input_tag(page, "day")
    assert 'value="2027-03-15T09:30"' in input_tag(page, "starts_at")


def test_a_date_that_does_not_exist_is_an_error_beside_the_field_and_kept():
    form = MeetingForm({"day": "31/02/2027", "starts_at": "2027-03-15T09:30", "place": "Gent"})
    assert list(form.errors) == ["day"]
    assert 'value="31/02/2027"' in input_tag(str(form), "day")


def test_a_page_form_saves_picker_dates_and_shows_typed_ones_again_after_an_error(
    client_for, coordinator, mentor
):
    client = client_for(coordinator)
    data = {
        "candidate-first_name": "Jef",
        "candidate-last_name": "",  # the error
        "candidate-language": "nl",
        "trajectory-kind": "ibo",
        "trajectory-mentors": [mentor.pk],
        "trajectory-planned_start": "01/12/2026",
        "trajectory-planned_end": "2027-03-01",
        "trajectory-hours_per_week": "38",
    }
    response = client.post("/o/autocars/trajectories/new/", data)
    assert response.status_code == 422
    page = response.content.decode()
    start = input_tag(page, "trajectory-planned_start")
    assert 'type="date"' in start and 'value="2026-12-01"' in start
    assert 'value="2027-03-01"' in input_tag(page, "trajectory-planned_end")

    response = client.post(
        "/o/autocars/trajectories/new/", {**data, "candidate-last_name": "Peeters"}
    )
    assert response.status_code == 302
    trajectory = Trajectory.objects.get(candidate__last_name="Peeters")
    assert (trajectory.planned_start, trajectory.planned_end) == (
        date(2026, 12, 1),
        date(2027, 3, 1),
    )
    page = client.get(trajectory.get_absolute_url()).content.decode()
    assert "01/12/2026 – 01/03/2027" in page  # shown as dd/mm/yyyy
