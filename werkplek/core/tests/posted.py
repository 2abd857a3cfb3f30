"""What a browser would post back from a page's form, unchanged (for tests of edit forms)."""

from html.parser import HTMLParser

SKIPPED = {"submit", "button", "file", "reset", "image"}


class _PostedForm(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._form: list | None = None
        self._textarea: str | None = None
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = []
            self.forms.append(self._form)
        if self._form is None or (tag != "option" and not attrs.get("name")):
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in SKIPPED or (kind in ("checkbox", "radio") and "checked" not in attrs):
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._form.append((attrs["name"], attrs.get("value", default)))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form.append((self._textarea, ""))
        elif tag == "select":
            self._select, self._options = (attrs["name"], "multiple" in attrs), []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            name, value = self._form[-1]
            self._form[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            name, value = self._form[-1]
            self._form[-1] = (name, value.removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select and self._form is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.extend((name, value) for value in chosen)
            self._select = None


def posted(page: str, marker: str = "version") -> dict:
    """The data of the page's POST form that has a field named `marker` (else the POST form
    with the most fields), as Django's test client takes it."""
    finder = _PostedForm()
    finder.feed(page)
    forms = [form for form in finder.forms if form]
    form = next((form for form in forms if any(name == marker for name, _v in form)), None)
    form = form if form is not None else max(forms, key=len)
    data: dict = {}
    for name, value in form:
        if name == "csrfmiddlewaretoken":
            continue
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}
