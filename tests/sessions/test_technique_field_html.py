"""The techniques checkboxes written in Python (sessions.field_html.technique_field_html) are
byte for byte what session_logs/includes/technique_field.html writes, which stays the
reference."""

import pytest
from django.template.loader import render_to_string

from sessions.field_html import TECHNIQUES_TEMPLATE, technique_field_html
from sessions.forms import NoteForm
from tests import factories
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "posted",
    [
        None,
        {"techniques": ["communication_analysis", "role_play"]},
        {"techniques": ["no_such_technique"]},  # an error under the field
        {"techniques": []},
    ],
)
def test_it_writes_the_techniques_as_the_template_does(course, posted):
    session = factories.make_session(course, techniques=["decision_analysis"])
    data = None if posted is None else note_data(session, **posted)
    form = NoteForm(data, instance=session)
    if data is not None:
        form.is_valid()
    field = form["techniques"]
    assert technique_field_html(field) == render_to_string(TECHNIQUES_TEMPLATE, {"field": field})
    if posted and posted["techniques"] == ["no_such_technique"]:
        assert 'class="errorlist"' in technique_field_html(field)


def test_it_keeps_the_help_text_as_the_template_does(course):
    form = NoteForm(None, instance=factories.make_session(course))
    form.fields["techniques"].help_text = "Tick <each> one & only those used."
    field = form["techniques"]
    assert technique_field_html(field) == render_to_string(TECHNIQUES_TEMPLATE, {"field": field})
    assert "Tick &lt;each&gt; one &amp; only those used." in technique_field_html(field)
