"""The hazard log may only cite tests that exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"`([\w/]+\.py)::(test_\w+)`")


def test_it_cites_only_tests_that_exist():
    text = (ROOT / "docs" / "clinical-safety.md").read_text()
    references = REFERENCE.findall(text)
    assert len(references) > 20
    missing = []
    for path, name in references:
        source = ROOT / "tests" / path
        if not source.exists() or not re.search(rf"def {name}\(", source.read_text()):
            missing.append(f"{path}::{name}")
    assert missing == []
