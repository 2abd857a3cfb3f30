"""OnePassSelect: the same <select> as Django's widget templates, built in one pass."""

from django import forms
from django.test.html import parse_html

from werkplek.core.forms import OnePassSelect

CHOICES = [("", "All"), (1, "Ann <Peeters>"), (2, 'Bert "B" & co'), (3, "Céline")]


class Both(forms.Form):
    fast = forms.TypedChoiceField(choices=CHOICES, coerce=int, required=False, widget=OnePassSelect)
    slow = forms.TypedChoiceField(choices=CHOICES, coerce=int, required=False)


def rendered(data) -> tuple[str, str]:
    form = Both(data, auto_id="id_%s")
    fast = str(form["fast"]).replace('name="fast" id="id_fast"', 'name="x" id="id_x"')
    slow = str(form["slow"]).replace('name="slow" id="id_slow"', 'name="x" id="id_x"')
    return fast, slow


def test_it_renders_what_the_widget_templates_render_with_a_choice_selected():
    fast, slow = rendered({"fast": "2", "slow": "2"})
    assert parse_html(fast) == parse_html(slow)
    assert '<option value="2" selected>Bert &quot;B&quot; &amp; co</option>' in fast
    assert "Ann &lt;Peeters&gt;" in fast


def test_it_renders_what_the_widget_templates_render_with_nothing_chosen():
    fast, slow = rendered(None)
    assert parse_html(fast) == parse_html(slow)
    assert '<option value="" selected>All</option><option value="1">' in fast
