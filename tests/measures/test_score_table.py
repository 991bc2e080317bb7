"""The score table under the chart is written in Python (measures.score_table): byte for byte
what the template part it replaced wrote (kept beside this test as the reference)."""

from pathlib import Path

import pytest
from django.template import Context, Template

from measures.score_table import score_table_html
from tests.measures.test_chart_svg import DATA_SETS as CHARTS
from tests.measures.test_chart_svg import _chart

# Plus an assessment before any session (its row's session is 0: "Assessment").
DATA_SETS = CHARTS | {"assessment only": _chart([("phq9", 20, 0), ("gad7", 9, 0)], sessions=0)}

REFERENCE = Template((Path(__file__).parent / "score_table_reference.html").read_text())


@pytest.mark.parametrize("name", list(DATA_SETS))
@pytest.mark.parametrize("caption", [None, "", "Scores & <bands> of the course"])
def test_it_writes_the_table_as_the_template_did(name, caption):
    chart = DATA_SETS[name]
    context = {"chart": chart} if caption is None else {"chart": chart, "table_caption": caption}
    assert score_table_html(chart, caption) + "\n" == REFERENCE.render(Context(context))


def test_it_writes_rows_in_the_data_sets():
    assert sum(len(chart.rows) for chart in DATA_SETS.values()) > 40
    assert any(None in row["cells"] for chart in DATA_SETS.values() for row in chart.rows)
    assert any(row["session"] == 0 for chart in DATA_SETS.values() for row in chart.rows)
