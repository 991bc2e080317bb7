"""The caseload's per-row tags are built in Python: the same HTML the templates gave."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from measures.templatetags.outcome_panels import outcome_flags
from measures.templatetags.rhythm_panels import mania_tag

# The templates these tags replaced, verbatim.
OUTCOME_FLAGS = '{% if risk_open %}<span class="tag tag--risk" data-testid="risk-tag">{% if risk_level == 3 %}High risk{% elif risk_level == 2 %}Risk: moderate{% else %}Risk: assess now{% endif %}</span>{% endif %}\n{% if not_on_track %}<span class="tag tag--warn" data-testid="not-on-track-tag">Not on track</span>{% endif %}\n'
MANIA_TAG = '{% if flagged %}<span class="tag tag--risk" data-testid="mania-tag" title="Latest ASRM {{ course.mania_total }}: at or above the cut-off of 6">Possible mania</span>{% endif %}\n'


@pytest.mark.parametrize("risk_open", [False, True])
@pytest.mark.parametrize("risk_level", [None, 1, 2, 3])
@pytest.mark.parametrize("not_on_track", [None, False, True])
def test_it_draws_the_outcome_flags_as_the_template_did(risk_open, risk_level, not_on_track):
    facts = None if not_on_track is None else SimpleNamespace(not_on_track=not_on_track)
    course = SimpleNamespace(risk_open=risk_open, risk_level=risk_level, outcome_facts=facts)
    expected = Template(OUTCOME_FLAGS).render(
        Context(
            {
                "risk_open": risk_open,
                "risk_level": risk_level,
                "not_on_track": bool(facts and facts.not_on_track),
            }
        )
    )
    assert outcome_flags(course) == expected


def test_it_draws_no_outcome_flags_for_a_bare_row():
    assert outcome_flags(SimpleNamespace()) == "\n\n"


@pytest.mark.parametrize("total", [None, 0, 5, 6, 20])
def test_it_draws_the_mania_tag_as_the_template_did(total):
    course = SimpleNamespace(mania_total=total)
    flagged = total is not None and total >= 6
    expected = Template(MANIA_TAG).render(Context({"flagged": flagged, "course": course}))
    assert mania_tag(course) == expected
    assert ("Possible mania" in expected) is flagged
