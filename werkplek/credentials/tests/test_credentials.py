from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.services import checklist_item_waive
from werkplek.conftest import membership_of
from werkplek.credentials.models import Credential
from werkplek.credentials.selectors import credential_rows, credential_warnings, load_credentials
from werkplek.credentials.services import (
    credential_record,
    credential_update,
    credential_verify,
    credentials_refresh_expired,
)
from werkplek.credentials.tests.factories import credential_type, day, record, record_all_required
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Kind

State = ChecklistItem.State


def state(trajectory, code):
    return trajectory.checklist_items.get(code=code).state


# --- Ticking and unticking -------------------------------------------------------------------


def test_a_valid_verified_credential_ticks_its_item_and_an_unverified_one_does_not(
    make_trajectory, coordinator
):
    trajectory = make_trajectory()
    licence = record(trajectory.candidate, "licence_d", by=coordinator, verified=False)
    assert state(trajectory, "licence_d") == State.OPEN
    credential_verify(credential=licence, by=coordinator)
    item = trajectory.checklist_items.get(code="licence_d")
    assert item.state == State.DONE and item.resolved_by is None  # ticked by the rule
    licence.refresh_from_db()
    assert (licence.verified_by, licence.verified_at is not None) == (coordinator, True)


def test_every_credential_item_ticks_and_the_summary_follows(make_trajectory, coordinator):
    trajectory = make_trajectory()
    record_all_required(trajectory.candidate, by=coordinator)
    for code in ("licence_d", "professional_competence", "medical_certificate", "driver_card"):
        assert state(trajectory, code) == State.DONE, code
    assert state(trajectory, "credentials") == State.DONE
    assert state(trajectory, "driving_test") == State.OPEN
    record(trajectory.candidate, "driving_test", by=coordinator, result="failed")
    assert state(trajectory, "driving_test") == State.OPEN
    record(trajectory.candidate, "driving_test", by=coordinator)
    assert state(trajectory, "driving_test") == State.DONE


def test_only_category_d_counts_for_licence_d(make_trajectory, coordinator):
    trajectory = make_trajectory()
    licence = record(trajectory.candidate, "licence_d", by=coordinator, categories=["D1"])
    assert state(trajectory, "licence_d") == State.OPEN
    rows = credential_rows(
        loaded=load_credentials(
            candidate_id=trajectory.candidate_id, organisation_id=trajectory.organisation_id
        ),
        today=timezone.localdate(),
        show_medical=True,
    )
    warnings = credential_warnings(trajectory=trajectory, rows=rows, today=timezone.localdate())
    assert "Driving licence D does not include category D." in warnings
    credential_update(credential=licence, by=coordinator, verified=True, categories=["D1", "D"])
    assert state(trajectory, "licence_d") == State.DONE


def test_an_edit_that_expires_it_unticks_the_item(make_trajectory, coordinator):
    trajectory = make_trajectory()
    medical = record(trajectory.candidate, "medical_fitness", by=coordinator)
    assert state(trajectory, "medical_certificate") == State.DONE
    credential_update(credential=medical, by=coordinator, verified=True, expires_on=day(-1))
    assert state(trajectory, "medical_certificate") == State.OPEN
    actions = list(trajectory.events.values_list("action", flat=True))
    assert "checklists.item.auto_unticked" in actions


def test_changing_what_was_verified_asks_for_a_new_verification(
    make_trajectory, coordinator, admin
):
    trajectory = make_trajectory()
    card = record(trajectory.candidate, "driver_card", by=coordinator)
    credential_update(credential=card, by=admin, verified=False, number="B100000000000002")
    card.refresh_from_db()
    assert card.verified_at is None and state(trajectory, "driver_card") == State.OPEN
    credential_update(credential=card, by=admin, verified=True)
    card.refresh_from_db()
    assert card.verified_by == admin and state(trajectory, "driver_card") == State.DONE


@pytest.mark.dates
def test_the_daily_refresh_unticks_what_expired_overnight(
    make_trajectory, coordinator, django_assert_max_num_queries
):
    expiring = make_trajectory()
    fine = make_trajectory()
    for trajectory in (expiring, fine):
        record(trajectory.candidate, "medical_fitness", by=coordinator)
    # time passes: yesterday was the medical's last day
    Credential.objects.filter(candidate=expiring.candidate).update(expires_on=day(-1))
    assert state(expiring, "medical_certificate") == State.DONE  # not refreshed yet
    assert credentials_refresh_expired() == 1
    assert state(expiring, "medical_certificate") == State.OPEN
    assert state(fine, "medical_certificate") == State.DONE
    event = expiring.events.filter(action="checklists.item.auto_unticked").get()
    assert event.data["item"]["nl"] == "geldige medische schifting"
    # idempotent, and finding the stale items is a fixed number of queries
    with django_assert_max_num_queries(10):
        assert credentials_refresh_expired() == 0


def test_the_daily_refresh_leaves_renewed_and_closed_trajectories_alone(
    make_trajectory, coordinator
):
    renewed = make_trajectory()
    old = record(renewed.candidate, "driver_card", by=coordinator)
    record(renewed.candidate, "driver_card", by=coordinator, expires_on=day(900))
    Credential.objects.filter(pk=old.pk).update(expires_on=day(-10))
    assert credentials_refresh_expired() == 0
    assert state(renewed, "driver_card") == State.DONE


# --- Validation ---------------------------------------------------------------------------


def test_validity_rules_refuse_impossible_dates(organisation, coordinator):
    candidate = CandidateFactory(organisation=organisation)
    licence = credential_type(organisation, "licence_d")
    today = timezone.localdate()
    cases = [
        ({"issued_on": today + timedelta(days=1)}, "issued_on"),
        ({"issued_on": date(2024, 1, 10), "expires_on": date(2029, 1, 11)}, "expires_on"),
        ({"issued_on": date(2024, 1, 10), "expires_on": date(2023, 1, 10)}, "expires_on"),
        ({"expires_on": None}, "expires_on"),
        ({"number": " "}, "number"),
        ({"categories": []}, "categories"),
        ({"categories": ["B"]}, "categories"),
    ]
    for fields, field in cases:
        values = {"number": "1", "categories": ["D"], "expires_on": today + timedelta(days=9)}
        with pytest.raises(ValidationError) as error:
            credential_record(
                candidate=candidate,
                credential_type=licence,
                by=coordinator,
                **{**values, **fields},
            )
        assert field in error.value.message_dict, fields
    # five years to the day is allowed
    credential_record(
        candidate=candidate,
        credential_type=licence,
        by=coordinator,
        number="1",
        categories=["D"],
        issued_on=date(2024, 1, 10),
        expires_on=date(2029, 1, 10),
    )
    assert Credential.objects.filter(candidate=candidate).count() == 1


def test_medical_fitness_keeps_only_its_date(organisation, coordinator):
    candidate = CandidateFactory(organisation=organisation)
    medical = credential_record(
        candidate=candidate,
        credential_type=credential_type(organisation, "medical_fitness"),
        by=coordinator,
        verified=True,
        expires_on=day(300),
        number="ATTEST-123",
        remarks="diabetes type 2",
        issued_on=day(-2),
    )
    medical.refresh_from_db()
    assert (medical.number, medical.remarks, medical.issued_on) == ("", "", None)
    assert medical.expires_on == day(300) and medical.evidence is None


def test_medical_fitness_refuses_a_scan(organisation, coordinator):
    from werkplek.documents.tests.factories import pdf_file

    with pytest.raises(ValidationError, match="No proof is kept"):
        credential_record(
            candidate=CandidateFactory(organisation=organisation),
            credential_type=credential_type(organisation, "medical_fitness"),
            by=coordinator,
            expires_on=day(300),
            evidence_file=pdf_file(),
        )


# --- Warnings on the trajectory ---------------------------------------------------------------


def warnings_for(trajectory):
    today = timezone.localdate()
    rows = credential_rows(
        loaded=load_credentials(
            candidate_id=trajectory.candidate_id, organisation_id=trajectory.organisation_id
        ),
        today=today,
        show_medical=True,
    )
    return credential_warnings(trajectory=trajectory, rows=rows, today=today)


def born(years: int, days: int = 10) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


@pytest.mark.dates
def test_code_121_under_21_with_the_date_it_ends(make_trajectory, organisation, coordinator):
    candidate = CandidateFactory(organisation=organisation, date_of_birth=born(19))
    trajectory = make_trajectory(candidate=candidate)
    record(candidate, "licence_d", by=coordinator, issued_on=day(-30))
    record(candidate, "professional_competence", by=coordinator)
    warnings = warnings_for(trajectory)
    until = (born(19).replace(year=born(19).year + 20) - timedelta(days=1)).strftime("%d/%m/%Y")
    assert f"Code 121: regular services of at most 50 km only, in Belgium (until {until})" in (
        warnings
    )
    assert not any("Under 24" in warning for warning in warnings)


def test_minimum_ages_without_and_with_code_95(make_trajectory, organisation, coordinator):
    young = CandidateFactory(organisation=organisation, date_of_birth=born(22))
    trajectory = make_trajectory(candidate=young)
    record(young, "licence_d", by=coordinator)
    assert "Under 24, category D needs a valid professional competence (code 95)." in warnings_for(
        trajectory
    )
    record(young, "professional_competence", by=coordinator)
    assert not any("Under 24" in warning for warning in warnings_for(trajectory))
    too_young = CandidateFactory(organisation=organisation, date_of_birth=born(17))
    trajectory = make_trajectory(candidate=too_young)
    record(too_young, "licence_d", by=coordinator, categories=["D1"])
    assert "Too young for category D1: the minimum age is 18." in warnings_for(trajectory)


def test_a_credential_that_expires_before_the_planned_end_is_flagged(make_trajectory, coordinator):
    trajectory = make_trajectory(planned_start=day(10), planned_end=day(120))
    record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(60))
    record(trajectory.candidate, "licence_d", by=coordinator, expires_on=day(121))
    warnings = warnings_for(trajectory)
    end = day(120).strftime("%d/%m/%Y")
    assert (
        f"Driver card expires on {day(60).strftime('%d/%m/%Y')}, before the planned end "
        f"({end})." in warnings
    )
    assert not any(warning.startswith("Driving licence D expires") for warning in warnings)


def test_periodic_training_hours_still_to_do(make_trajectory, coordinator):
    trajectory = make_trajectory()
    record(
        trajectory.candidate,
        "professional_competence",
        by=coordinator,
        expires_on=day(40),
        training_hours=Decimal("14"),
    )
    assert (
        "Professional competence (code 95): 14 of 35 hours of periodic training done; "
        f"it expires on {day(40).strftime('%d/%m/%Y')}." in warnings_for(trajectory)
    )


# --- The ready gate -------------------------------------------------------------------------


@pytest.fixture
def preparing(make_trajectory, coordinator, organisation, mentor):
    from werkplek.trajectories.tests.test_transitions import resolve_gate

    # a BIO: needs the credentials, and may start before its planned start (an IBO may not)
    trajectory = make_trajectory(
        kind="bio", mentors=[mentor], planned_start=day(10), planned_end=day(120), hours_per_week=38
    )
    staff = membership_of(coordinator, organisation)
    transitions.trajectory_confirm(trajectory=trajectory, membership=staff)
    record_all_required(trajectory.candidate, by=coordinator)
    resolve_gate(trajectory, coordinator)
    return trajectory


def test_the_gate_passes_with_valid_credentials(preparing, coordinator, organisation):
    staff = membership_of(coordinator, organisation)
    started = transitions.trajectory_start(trajectory=preparing, membership=staff)
    assert started.status == "running"


def test_a_missing_required_credential_refuses_the_start(preparing, coordinator, organisation):
    staff = membership_of(coordinator, organisation)
    Credential.objects.filter(candidate=preparing.candidate, type__code="driver_card").delete()
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_start(trajectory=preparing, membership=staff)
    assert "No valid Driver card is recorded." in refused.value.reasons


def test_a_missing_credential_may_start_when_its_item_is_waived_with_a_reason(
    make_trajectory, coordinator, organisation, mentor
):
    from werkplek.trajectories.tests.test_transitions import resolve_gate

    trajectory = make_trajectory(
        kind="bio", mentors=[mentor], planned_start=day(1), planned_end=day(90)
    )
    staff = membership_of(coordinator, organisation)
    transitions.trajectory_confirm(trajectory=trajectory, membership=staff)
    for code in ("licence_d", "professional_competence", "medical_fitness"):
        record(trajectory.candidate, code, by=coordinator)
    card = trajectory.checklist_items.get(code="driver_card")
    checklist_item_waive(item=card, by=coordinator, reason="Aangevraagd bij DIGITACH")
    resolve_gate(trajectory, coordinator)
    assert transitions.trajectory_start(trajectory=trajectory, membership=staff).status == "running"


def test_an_expired_credential_refuses_even_when_its_item_is_waived(
    preparing, coordinator, organisation
):
    staff = membership_of(coordinator, organisation)
    Credential.objects.filter(candidate=preparing.candidate, type__code="medical_fitness").update(
        expires_on=day(-1)
    )
    credentials_refresh_expired()
    item = preparing.checklist_items.get(code="medical_certificate")
    checklist_item_waive(item=item, by=coordinator, reason="Afspraak bij de arbeidsarts")
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_start(trajectory=preparing, membership=staff)
    assert refused.value.reasons == ["Medical fitness has expired."]


def test_ready_is_refused_when_a_credential_expires_before_the_planned_start(
    preparing, coordinator, organisation
):
    staff = membership_of(coordinator, organisation)
    Credential.objects.filter(candidate=preparing.candidate, type__code="licence_d").update(
        expires_on=day(5)  # the planned start is in 10 days
    )
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_mark_ready(trajectory=preparing, membership=staff)
    assert refused.value.reasons == [
        "Driving licence D will have expired by the planned start "
        f"({day(10).strftime('%d/%m/%Y')})."
    ]
    # starting today is still allowed: it is valid today
    assert transitions.trajectory_start(trajectory=preparing, membership=staff).status == "running"


def test_kinds_that_do_not_require_credentials_are_not_held_back(
    make_trajectory, coordinator, organisation, mentor
):
    from werkplek.credentials.selectors import gate_reasons

    stage = make_trajectory(kind=Kind.STAGE, mentors=[mentor])
    ibo = make_trajectory(kind=Kind.IBO, mentors=[mentor])
    today = timezone.localdate()
    assert gate_reasons(stage, today=today, on=today) == []
    assert len(gate_reasons(ibo, today=today, on=today)) == 4


def test_the_daily_command_reports_what_it_refreshed(make_trajectory, coordinator):
    import io

    from django.core.management import call_command

    trajectory = make_trajectory()
    record(trajectory.candidate, "driver_card", by=coordinator)
    Credential.objects.update(expires_on=day(-1))
    out = io.StringIO()
    call_command("refresh_credentials", stdout=out)
    assert out.getvalue().strip() == "Credentials checked: 1 trajectories refreshed."
    assert state(trajectory, "driver_card") == State.OPEN


def test_the_daily_refresh_agrees_that_only_category_d_counts(make_trajectory, coordinator):
    trajectory = make_trajectory()
    with_d = record(trajectory.candidate, "licence_d", by=coordinator, expires_on=day(30))
    record(
        trajectory.candidate, "licence_d", by=coordinator, categories=["D1"], expires_on=day(900)
    )
    assert state(trajectory, "licence_d") == State.DONE
    Credential.objects.filter(pk=with_d.pk).update(expires_on=day(-1))
    assert credentials_refresh_expired() == 1
    assert state(trajectory, "licence_d") == State.OPEN
