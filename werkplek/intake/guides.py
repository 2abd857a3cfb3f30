"""Answers to a question guide, kept as a snapshot: [{"id", "question", "answer"}, …].

`id` is the guide question's public id (empty for an extra question someone added), so an
answer survives a rewording of its question. Policy and operational preparation follow the
organisation's current guide; a meeting keeps the questions it was held with.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from werkplek.core.i18n import localized
from werkplek.intake.models import GuideQuestion


@dataclass
class Answer:
    id: str
    question: str
    answer: str = ""

    @property
    def is_extra(self) -> bool:
        return not self.id

    def as_data(self) -> dict:
        return {"id": self.id, "question": self.question, "answer": self.answer}


def merge_answers(
    questions: Iterable[GuideQuestion], saved: list[dict], *, follow_guide: bool = True
) -> list[Answer]:
    """The guide's questions with their saved answers, then the extra ones.

    Without `follow_guide`, a snapshot that has answers is returned as it is.
    """
    saved_answers = [
        Answer(
            str(entry.get("id", "")), str(entry.get("question", "")), str(entry.get("answer", ""))
        )
        for entry in saved
        if isinstance(entry, dict) and entry.get("question")
    ]
    if saved_answers and not follow_guide:
        return saved_answers
    by_id = {answer.id: answer for answer in saved_answers if answer.id}
    merged = []
    for question in questions:
        key = str(question.public_id)
        found = by_id.pop(key, None)
        merged.append(Answer(key, localized(question.text), found.answer if found else ""))
    merged += [answer for answer in saved_answers if answer.is_extra or answer.id in by_id]
    return merged


def answers_complete(answers: list[Answer]) -> bool:
    return bool(answers) and all(answer.answer.strip() for answer in answers)
