"""The question guides of a sector pack (guides.toml) and their adoption."""

from django.db import transaction

from werkplek.accounts.models import Organisation
from werkplek.checklists.packs import PackDataError
from werkplek.intake.models import GuideQuestion, QuestionGuide
from werkplek.sectorpacks.models import SectorPack


def _check(entry: dict) -> None:
    code = entry.get("code", "?")
    if code not in QuestionGuide.Code.values:
        raise PackDataError(f"guide {code!r}: unknown code")
    if not entry.get("title", {}).get("nl"):
        raise PackDataError(f"guide {code}: a Dutch title is required")
    if any(not question.get("nl") for question in entry.get("questions", [])):
        raise PackDataError(f"guide {code}: every question needs Dutch")


def _replace_questions(guide: QuestionGuide, questions: list[dict]) -> None:
    guide.questions.all().delete()
    GuideQuestion.objects.bulk_create(
        GuideQuestion(guide=guide, text=text, position=position)
        for position, text in enumerate(questions, start=1)
    )


@transaction.atomic
def load_guides(pack: SectorPack, data: dict) -> None:
    """Make the pack's guides match the file; organisations keep their copies."""
    codes = []
    for entry in data["guides"]:
        _check(entry)
        guide, _created = QuestionGuide.objects.update_or_create(
            organisation=None,
            sector_pack=pack,
            code=entry["code"],
            defaults={"title": entry["title"], "intro": entry.get("intro", {})},
        )
        _replace_questions(guide, entry.get("questions", []))
        codes.append(entry["code"])
    QuestionGuide.objects.filter(organisation=None, sector_pack=pack).exclude(
        code__in=codes
    ).delete()
    _add_new_guides(pack)


def _add_new_guides(pack: SectorPack) -> None:
    """A guide new in the pack goes to the organisations that adopted it; the guides they
    already have (maybe edited) stay as they are."""
    for organisation in Organisation.objects.filter(sector_pack=pack):
        have = set(organisation.question_guides.values_list("code", flat=True))
        for source in QuestionGuide.objects.filter(organisation=None, sector_pack=pack).exclude(
            code__in=have
        ):
            guide = QuestionGuide.objects.create(
                organisation=organisation,
                sector_pack=pack,
                code=source.code,
                title=source.title,
                intro=source.intro,
            )
            _replace_questions(guide, [q.text for q in source.questions.order_by("position")])


@transaction.atomic
def adopt_guides(organisation, pack: SectorPack) -> None:
    """Give the organisation its own copy of each guide (replacing an earlier copy)."""
    for source in QuestionGuide.objects.filter(organisation=None, sector_pack=pack):
        guide, _created = QuestionGuide.objects.update_or_create(
            organisation=organisation,
            code=source.code,
            defaults={"sector_pack": pack, "title": source.title, "intro": source.intro},
        )
        _replace_questions(guide, [q.text for q in source.questions.order_by("position", "id")])
