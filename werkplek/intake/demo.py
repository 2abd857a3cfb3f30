"""Demo Autocars: applications, meetings, the policy and the operational preparation.

Called for each demo trajectory right after it is created (see demo.foundation), before it
walks to its target status, so the intake items tick themselves on the way.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from werkplek.candidates.models import Candidate
from werkplek.demo.foundation import DemoContext, DemoTrajectory
from werkplek.intake.guides import Answer, merge_answers
from werkplek.intake.models import Application, Meeting, MeetingKind, QuestionGuide
from werkplek.intake.selectors import guide_questions
from werkplek.intake.services import (
    application_record,
    meeting_plan,
    policy_save,
    preparation_save,
)
from werkplek.trajectories.models import Status, Trajectory

POLICY = [
    "Elke kandidaat volgt hetzelfde traject: aanmelding en motivatiegesprek bij HR, een rijtest "
    "met een ervaren chauffeur, kennismaking met de peter of meter, rondleiding in de "
    "stelplaats en een opleidingsplan per competentie. Tussentijdse evaluatie na zes weken, "
    "eindevaluatie op het einde.",
    "Ja. Elke peter en meter volgt binnen het jaar de mentoropleiding van het Sociaal Fonds "
    "(twee dagen). Twee keer per jaar is er intervisie met alle peters en meters.",
    "Minstens vijf jaar ervaring als chauffeur, een wekelijks opvolgmoment met de kandidaat, "
    "leermomenten noteren in het logboek en de evaluaties mee voorbereiden. Hoogstens twee "
    "kandidaten tegelijk.",
    "Alleen rijden mag pas met rijbewijs D, vakbekwaamheid (code 95), een geldige medische "
    "schifting groep 2 en een bestuurderskaart. Onder 21 jaar gelden de beperkingen van code "
    "121. Stagiairs krijgen een werkpostfiche; een IBO start pas met een getekend IBO-contract.",
    "We werven actief bij werkzoekenden via VDAB en bij zij-instromers, en moedigen vrouwen aan "
    "om chauffeur te worden. Anderstaligen krijgen ondersteuning Nederlands op de werkvloer.",
]
PREPARATION = [
    "Startuur 7.30 uur aan de stelplaats, werkkledij en badge klaarleggen, de eerste week "
    "meerijden op de vaste lijn van de peter.",
    "De planning, de chauffeurs van de vroege ploeg, het onthaal en het magazijn (werkkledij).",
    "De eerste twee weken geen eigen diensten op de lange lijnen: de planning voorziet een "
    "dubbele bezetting.",
    "Cv, rijbewijs en vakbekwaamheid, het resultaat van de rijtest en de afspraken uit het "
    "motivatiegesprek.",
]
INTRODUCTION = [
    "{mentor}, al twintig jaar chauffeur bij Demo Autocars en peter sinds 2019. Vertelde over "
    "de stelplaats en de lijnen.",
    "Uurroosters, werkkledij, wie te bellen bij ziekte en hoe het opleidingsplan werkt.",
    "Rijbewijs D behaald via VDAB en het Sociaal Fonds; eerder vrachtwagenchauffeur.",
    "Vast werk in het streekvervoer, liefst geen late diensten in de eerste maanden.",
    "{target}",
    "Volgende week de rondleiding in de stelplaats, daarna de eerste dag meerijden.",
    "Ja: samen de afspraken overlopen; de kandidaat stelde zelf vragen over de planning.",
]
CONTACTS = {
    Candidate.Source.VDAB: (
        "Els Vermeersch",
        "VDAB Gent",
        "els.vermeersch@vdab.be",
        "09 265 12 34",
    ),
    Candidate.Source.SCHOOL: (
        "Pieter Desmet",
        "VTI Brugge, 7de jaar bus- en autocarchauffeur",
        "pieter.desmet@vtibrugge.be",
        "050 44 12 30",
    ),
}
MOTIVATIONS = {
    Candidate.Source.VDAB: "Wil na een opleiding via VDAB en het Sociaal Fonds als buschauffeur "
    "aan de slag; kent de streek goed.",
    Candidate.Source.SCHOOL: "Leerling die het beroep wil leren in een echt bedrijf.",
    Candidate.Source.VACANCY: "Reageerde op de vacature op onze website.",
    Candidate.Source.REFERRAL: "Aangebracht door een van onze chauffeurs.",
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _answers(questions, texts: list[str], **values) -> list[Answer]:
    answers = merge_answers(questions, [])
    return [
        Answer(answer.id, answer.question, text.format(**values))
        for answer, text in zip(answers, texts, strict=False)
    ]


def _policy(context: DemoContext) -> None:
    organisation = context.organisation
    if hasattr(organisation, "workplace_learning_policy"):
        return
    questions = guide_questions(organisation, QuestionGuide.Code.STRATEGIC)
    policy_save(
        organisation=organisation,
        by=context.users["directie"],
        answers=_answers(questions, POLICY),
    )


def seed_trajectory(context: DemoContext, trajectory: Trajectory, spec: DemoTrajectory) -> None:
    if Application.objects.filter(trajectory=trajectory).exists():
        return
    _policy(context)
    today, coordinator = context.today, context.users["coordinator"]
    mentor = context.users.get(spec.mentor) if spec.mentor else None
    start = trajectory.planned_start
    source = spec.source
    contact = CONTACTS.get(source, ("", "", "", ""))
    application_record(
        trajectory=trajectory,
        by=coordinator,
        received_on=min(today - timedelta(days=3), start - timedelta(days=45)),
        requested_kind=trajectory.kind,
        source=source,
        contact_name=contact[0],
        contact_organisation=contact[1],
        contact_email=contact[2],
        contact_phone=contact[3],
        motivation=MOTIVATIONS.get(source, ""),
    )
    people = [coordinator, *([mentor] if mentor else [])]
    place = "Stelplaats Gent, vergaderzaal"

    def meeting(kind: str, when: datetime, **fields) -> None:
        held = when <= timezone.now()
        meeting_plan(
            trajectory=trajectory,
            by=coordinator,
            participants=people,
            kind=kind,
            starts_at=when,
            place=fields.pop("place", place),
            status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
            **fields,
        )

    if spec.target == Status.DRAFT:
        meeting(MeetingKind.MOTIVATION_INTERVIEW, _at(today + timedelta(days=2), 10))
        return
    meeting(
        MeetingKind.MOTIVATION_INTERVIEW,
        _at(min(today - timedelta(days=12), start - timedelta(days=40)), 10),
        notes="Gemotiveerd, stipt, heeft duidelijke vragen over het uurrooster.",
    )
    preparing_step = spec.step + 1 if spec.target == Status.PREPARING else 3
    questions = guide_questions(trajectory.organisation_id, QuestionGuide.Code.OPERATIONAL)
    texts = PREPARATION if preparing_step >= 2 else [*PREPARATION[:2], "", ""]
    preparation_save(
        trajectory=trajectory, by=mentor or coordinator, answers=_answers(questions, texts)
    )
    if preparing_step == 1:
        meeting(MeetingKind.INTRODUCTION, _at(today + timedelta(days=1), 14))
        return
    intro_questions = guide_questions(trajectory.organisation_id, QuestionGuide.Code.INTRODUCTION)
    meeting(
        MeetingKind.INTRODUCTION,
        _at(min(today - timedelta(days=6), start - timedelta(days=20)), 14),
        answers=_answers(
            intro_questions,
            INTRODUCTION,
            mentor=mentor.full_name if mentor else coordinator.full_name,
            target=trajectory.candidate.get_target_group_display() or "Geen specifieke doelgroep.",
        ),
    )
    if preparing_step == 2:
        meeting(
            MeetingKind.WORKPLACE_TOUR, _at(today + timedelta(days=5), 9), place="Stelplaats Gent"
        )
        return
    meeting(
        MeetingKind.WORKPLACE_TOUR,
        _at(min(today - timedelta(days=2), start - timedelta(days=5)), 9),
        place="Stelplaats Gent",
        ready_to_start=True,
        ready_comment="Kent de stelplaats, de collega's van de vroege ploeg en de "
        "veiligheidsregels.",
    )
    meeting(
        MeetingKind.FIRST_DAY,
        _at(start, 7, 30),
        place="Stelplaats Gent, dispatching",
        notes="Werkkledij en badge ophalen, meerijden op lijn 36 met de peter.",
    )
    if spec.target == Status.RUNNING:
        follow_up = start + timedelta(days=28)
        meeting(
            MeetingKind.FOLLOW_UP,
            _at(follow_up if follow_up < today else today + timedelta(days=5), 15),
            notes="Hoe lopen de eerste weken? Wat gaat goed, wat kan beter?",
        )
