"""Test run: the production settings module, fed the environment a test run needs.

Only defaults are set here, so CI's DATABASE_URL (PostgreSQL) still wins.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DEBUG", "false")

from ipt_site.settings import *  # noqa: E402,F403

# PBKDF2 costs ~350 ms a hash on these machines; tests do not need its strength.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests serve static files from static/ without collectstatic.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Each pytest-xdist worker is its own "machine" for the PDF render slots (lock files), so
# parallel workers do not take each other's slots.
PDF_SLOT_DIR = str(VAR_DIR / "pdf-slots" / os.environ.get("PYTEST_XDIST_WORKER", "main"))  # noqa: F405

# SQLite: the test database is a file (one per xdist worker), not Django's shared in-memory
# database. In shared-cache memory mode SQLite's IMMEDIATE transactions do not serialize the
# live server's request threads, so two concurrent audit appends (an autosave and a page
# load in a browser test) could both read the same chain end; on a file they wait their turn,
# as they do in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.sqlite3")  # noqa: F405
    }
