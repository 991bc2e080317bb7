"""Production settings plus the benchmark's floor page, for scripts/load_test.sh."""

from ipt_site.settings import *  # noqa: F403

ROOT_URLCONF = "loadtest_urls"
STATIC_ROOT = str(BASE_DIR / "var" / "loadtest-static")  # noqa: F405
