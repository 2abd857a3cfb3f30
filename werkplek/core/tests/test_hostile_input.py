"""Hostile values posted to every form of every organisation page, found from the URL conf.

For each URL (object URLs get one of our own objects that the page accepts), the page is
opened as an admin and every form on it is filled three ways: markup and unicode tricks in
every field; wrong dates, negative and absurd numbers, NUL bytes and unknown choices; and a
10 MB value. The answer must never be a 500, must never echo a live <script>, and a refused
form must leave the data as it was. Forms without a field to fill (buttons: delete, verify,
transitions) are left alone.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin

from django.apps import apps
from django.db import connection
from django.utils.module_loading import import_string

from werkplek.core.tests.isolation import FOREIGN_OBJECT_MAKERS, public_ids
from werkplek.core.tests.test_permissions import ORG_URLS, url_for

SCRIPT = "<script>alert('werkplek')</script>"
MARKUP = f'{SCRIPT}"><img src=x onerror=alert(1)> Zoë ﷽ 𝔘𝔫𝔦 \u202egnp.exe \u200b'
TEXTLIKE = {"text", "email", "tel", "url", "search", "password", ""}
SKIP_TYPES = {"hidden", "submit", "button", "file", "reset", "image"}
FIELD_VALUES = {
    "date": ["31/02/2026", "2026-13-45", "00/00/0000"],
    "number": ["-1", "1e309", "NaN", "99999999999999999999"],
}


class FormFinder(HTMLParser):
    """The forms of a page: action, method and fields (name → (kind, options))."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": {},
                "hidden": {},
            }
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "hidden":
                self._form["hidden"][attrs["name"]] = attrs.get("value", "")
            elif kind not in SKIP_TYPES:
                self._form["fields"][attrs["name"]] = (kind, attrs.get("value", ""))
        elif tag == "textarea":
            self._form["fields"][attrs["name"]] = ("textarea", "")
        elif tag == "select":
            self._select = attrs["name"]
            self._form["fields"][attrs["name"]] = ("select", "")
        elif tag == "option" and self._select and attrs.get("value"):
            kind, first = self._form["fields"][self._select]
            if not first:
                self._form["fields"][self._select] = ("select", attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(html: str) -> list[dict]:
    finder = FormFinder()
    finder.feed(html)
    return [form for form in finder.forms if form["fields"]]


def looks_like(name: str, kind: str) -> str:
    if kind == "date" or name.endswith(("_on", "date", "_start", "_end")):
        return "date"
    if kind == "number" or name.endswith(("hours", "years", "days", "minutes", "level")):
        return "number"
    return kind


def variants(form: dict) -> list[dict]:
    markup, wrong, huge = dict(form["hidden"]), dict(form["hidden"]), dict(form["hidden"])
    big_done = False
    for index, (name, (kind, first)) in enumerate(form["fields"].items()):
        guess = looks_like(name, kind)
        if kind in ("checkbox", "radio"):
            markup[name] = first or "on"
            wrong[name] = "\x00' OR 1=1 --"
        elif kind == "select":
            markup[name] = first
            wrong[name] = "no-such-choice\x00"
        else:
            markup[name] = MARKUP
            values = FIELD_VALUES.get(guess, ["\x00NUL\x00", "-42"])
            wrong[name] = values[index % len(values)]
        if not big_done and (kind in TEXTLIKE or kind == "textarea"):
            huge[name] = "x" * (10 * 1024 * 1024)
            big_done = True
    return [markup, wrong] + ([huge] if big_done else [])


def counting_sql() -> str:
    """One query that counts the rows of every table of ours (cheap enough for each probe)."""
    tables = [
        connection.ops.quote_name(model._meta.db_table)
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "axes", "django_tasks_database"}
        and not model._meta.label.startswith(("admin.", "contenttypes.", "auth."))
        and not hasattr(model, "instance_type")  # history: a refused form writes none anyway
    ]
    return "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {table})" for table in tables)


def counts(sql: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def test_hostile_values_in_every_form_never_break_or_leak(
    client_for, admin, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    for maker in FOREIGN_OBJECT_MAKERS:
        import_string(maker)(trajectory=trajectory, by=admin)
    # One object of each kind: enough to open every object page.
    ours = [sorted(ids, key=str)[0] for ids in public_ids().values() if ids]
    sql = counting_sql()
    client = client_for(admin)
    client.raise_request_exception = False  # a crash is a 500 to report, not a test error
    pages = []
    for route, _entry in ORG_URLS:
        if "public_id" not in route:
            pages.append(url_for(route, "autocars"))
            continue
        for public_id in ours:
            url = url_for(route, "autocars", public_id)
            response = client.get(url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                pages.append(url)
                break
    probed, problems = 0, []
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in forms_of(response.content.decode()):
            target = urljoin(page, form["action"]) if form["action"] else page
            for data in variants(form):
                before = counts(sql)
                if form["method"] == "post":
                    answer = client.post(target, data)
                else:
                    answer = client.get(target, {k: v[:2000] for k, v in data.items()})
                probed += 1
                body = answer.content.decode(errors="replace")
                where = f"{form['method'].upper()} {target} ({list(form['fields'])[:4]}…)"
                if answer.status_code >= 500:
                    problems.append(f"{answer.status_code}: {where}")
                if SCRIPT in body:
                    problems.append(f"unescaped script: {where}")
                refused = answer.status_code in (200, 400, 409, 422)
                if refused and form["method"] == "post" and counts(sql) != before:
                    problems.append(f"saved although refused: {where}")
                if answer.status_code == 302:
                    shown = client.get(answer["Location"])
                    if SCRIPT in shown.content.decode(errors="replace"):
                        problems.append(f"unescaped script after saving: {where}")
    assert probed >= 60, probed
    assert problems == []
