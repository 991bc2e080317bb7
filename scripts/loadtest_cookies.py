"""Print the session cookie's name, a signed-in therapist's and supervisor's session ids
(the benchmark's subjects, second factor done) and the course measured, for load_test.sh."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
sys.argv = ["benchmark"]

import benchmark  # noqa: E402 - sets Django up
from django.conf import settings  # noqa: E402

who = benchmark.subjects()
ids = [
    benchmark.signed_in(who[person]).cookies[settings.SESSION_COOKIE_NAME].value
    for person in ("therapist", "supervisor")
]
print(settings.SESSION_COOKIE_NAME, *ids, who["course"].pk, file=sys.stdout)
os._exit(0)  # the PDF workers' threads need not be waited for
