"""Typed readers for settings that come from the environment.

Each reader fails with one clear line naming the variable, so a typo in a
deployment stops start-up instead of running with a surprising value.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir: Path, name: str = "DATABASE_URL") -> dict:
    """Turn a URL into a DATABASES entry.

    ``sqlite:///var/db.sqlite3`` is relative to the project, ``sqlite:////srv/db.sqlite3`` absolute;
    ``postgres://user:password@host:5432/name?sslmode=require`` for PostgreSQL.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        raw_path = unquote(parts.path)[1:]
        if not raw_path:
            raise ImproperlyConfigured(f"{name} names no SQLite file: {url!r}.")
        path = Path(raw_path) if Path(raw_path).is_absolute() else base_dir / raw_path
        path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise ImproperlyConfigured(f"{name} names no PostgreSQL database: {url!r}.")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has a malformed port: {url!r}.") from None
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        # No JIT compilation: the pages' queries are small (a few ms), but their many per-row
        # subqueries push the planner's estimate past jit_above_cost, and compiling then costs
        # ~100 ms a query (the caseload at scale). Options given in the URL come after, so
        # ``?options=-c jit=on`` still turns it back on.
        options["options"] = f"-c jit=off {options.get('options', '')}".strip()
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"{name} must start with sqlite:/// or postgres://, not {url.split(':', 1)[0]!r}."
    )
