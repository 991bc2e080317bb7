"""Start-up configuration: production is safe, and a bad value stops start-up with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ipt_site.environment import database_from_url, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7#kq2!v9m@p4r8t1w6z0b3n5c-production-like-secret-key-for-the-test",
    "ALLOWED_HOSTS": "ipt.example.org",
    "DATABASE_URL": "sqlite:///var/deploy-check.sqlite3",
    "AUDIT_CHAIN_KEY": "another-long-random-secret-only-for-the-audit-chain",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only what a deployment would set: nothing leaks in from the test run's own environment.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deployment_checklist_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_it_warns_when_the_audit_chain_key_would_follow_the_secret_key():
    env = {**PRODUCTION_ENV, "AUDIT_CHAIN_KEY": ""}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "audit.W001" in result.stderr + result.stdout


def test_it_warns_when_postgresql_runs_with_one_role():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://app:pw@db.example.org:5432/ipt"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert "audit.W002" in result.stderr + result.stdout
    env["MIGRATE_DATABASE_URL"] = "postgres://owner:pw@db.example.org:5432/ipt"
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert "audit.W002" not in result.stderr + result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set when DEBUG is off."


def test_it_names_a_malformed_database_url():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "mysql://db/ipt"})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DATABASE_URL must start with sqlite:/// or postgres://, not 'mysql'."
    ]


def test_it_reads_a_postgres_url():
    config = database_from_url(
        "postgres://ipt:s%40cret@db.internal:5433/ipt_course?sslmode=require", base_dir=ROOT
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "ipt",
        "s@cret",
        "db.internal",
        "5433",
    )
    assert config["NAME"] == "ipt_course"
    assert config["OPTIONS"] == {"sslmode": "require", "options": "-c jit=off"}
    assert config["CONN_HEALTH_CHECKS"] is True


def test_it_turns_postgres_jit_off_unless_the_url_turns_it_on():
    plain = database_from_url("postgres://ipt@db/ipt_course", base_dir=ROOT)
    assert plain["OPTIONS"]["options"] == "-c jit=off"
    chosen = database_from_url(
        "postgres://ipt@db/ipt_course?options=-c%20jit%3Don%20-c%20work_mem%3D8MB", base_dir=ROOT
    )
    # libpq applies the settings in order: the URL's own come last and win.
    assert chosen["OPTIONS"]["options"] == "-c jit=off -c jit=on -c work_mem=8MB"


def test_it_keeps_sqlite_relative_to_the_project_in_wal_mode(tmp_path):
    config = database_from_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)
    assert config["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(
    ("reader", "value", "message"),
    [
        (lambda: env_bool("IPT_TEST_FLAG"), "perhaps", "IPT_TEST_FLAG must be true or false"),
        (lambda: env_int("IPT_TEST_FLAG", 1), "ten", "IPT_TEST_FLAG must be a whole number"),
    ],
)
def test_it_names_the_variable_holding_a_malformed_value(monkeypatch, reader, value, message):
    monkeypatch.setenv("IPT_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match=message):
        reader()


def test_it_prepares_the_record_lookups_on_postgresql_unless_told_not_to():
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'].get('prepare_threshold'))"
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://app:pw@db.example.org:5432/ipt"}
    assert manage("shell", "-c", show, env=env).stdout.strip().splitlines()[-1] == "0"
    env |= {"DATABASE_PREPARED_STATEMENTS": "false"}
    assert manage("shell", "-c", show, env=env).stdout.strip().splitlines()[-1] == "None"


def test_it_pools_postgresql_connections_when_asked():
    show = "from django.conf import settings; d = settings.DATABASES['default']; print(d['OPTIONS'].get('pool'), d['CONN_MAX_AGE'])"
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://app:pw@db.example.org:5432/ipt"}
    result = manage("shell", "-c", show, env=env)
    assert result.stdout.strip().splitlines()[-1] == "None 60"
    env |= {"DATABASE_POOL": "true", "DATABASE_POOL_MAX_SIZE": "8"}
    result = manage("shell", "-c", show, env=env)
    assert result.stdout.strip().splitlines()[-1] == (
        "{'min_size': 1, 'max_size': 8, 'timeout': 10} 0"
    )
    result = manage("check", env={**env, "PDF_MAX_CONCURRENT": "two"})
    assert result.stderr.strip() == (
        "Configuration error: PDF_MAX_CONCURRENT must be a whole number, not 'two'."
    )
