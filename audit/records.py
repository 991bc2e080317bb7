"""Complete dumps of the records (``export_data``) and restoring one (``import_data``).

A dump holds every row of every model the clinic's data lives in: staff accounts, second-factor
devices, clients, courses, sessions, inventories, measures, supervision and the audit trail.
Content types and permissions are recreated by ``migrate``, so rows refer to them by natural key.
Lockout counters (django-axes) and Django's session store are deliberately left out.
"""

import datetime
import json
from collections.abc import Iterable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

FORMAT = "ipt-course records"
VERSION = 1
EXTRA_APPS = ("auth", "otp_totp", "otp_static")
SKIPPED = {"auth.permission"}
# Models restored with this status field set last (see ``restore``); with the records
# registered in ``audit.signed_rows`` (their ``status``).
SIGNED_LAST = {"session_logs.session": "status"}


def _signed_last() -> dict[str, str]:
    from audit.signed_rows import SIGNED_ROWS

    registered = {
        model._meta.label_lower: "status"
        for model in apps.get_models()
        if model._meta.db_table in SIGNED_ROWS
    }
    return SIGNED_LAST | registered


def record_models() -> list[type[models.Model]]:
    """Every model holding the clinic's data (natural-key dependencies first; foreign keys are
    checked once everything is loaded)."""
    from audit.course_versions import derived_tables

    derived = derived_tables()
    chosen = []
    for config in apps.get_app_configs():
        ours = Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in config.path
        if ours or config.label in EXTRA_APPS:
            chosen.append(
                (
                    config,
                    [
                        m
                        for m in config.get_models()
                        if not m._meta.proxy
                        and m._meta.label_lower not in SKIPPED
                        and m._meta.db_table not in derived
                    ],
                )
            )
    return serializers.sort_dependencies(chosen, allow_cycles=True)


def _rows(model: type[models.Model]) -> Iterable[dict]:
    queryset = model._base_manager.order_by("pk")
    return serializers.serialize("python", queryset.iterator(), use_natural_foreign_keys=True)


def export(path: Path) -> dict[str, int]:
    """Write every record to ``path`` as JSON, read in one consistent snapshot."""
    counts: dict[str, int] = {}
    objects: list[dict] = []
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table, and no writes from this transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in record_models():
            rows = _rows(model)
            counts[model._meta.label_lower] = len(rows)
            objects.extend(rows)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "counts": counts,
        "objects": objects,
    }
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8") as out:
        json.dump(document, out, cls=_FullPrecisionEncoder, ensure_ascii=False)
    tmp.replace(path)
    return counts


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class NotEmpty(Exception):
    pass


class BadDump(Exception):
    pass


def non_empty_models() -> list[str]:
    return [m._meta.label_lower for m in record_models() if m._base_manager.exists()]


def restore(path: Path) -> dict[str, int]:
    """Load a dump into an empty database, all or nothing."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BadDump(f"Cannot read {path}: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadDump(f"{path} is not an ipt-course export.")
    if document.get("version") != VERSION:
        raise BadDump(f"{path} has version {document.get('version')}, expected {VERSION}.")
    counts: dict[str, int] = {}
    with transaction.atomic():
        occupied = non_empty_models()
        if occupied:
            raise NotEmpty(
                "The database already holds records (" + ", ".join(occupied[:5]) + "); "
                "import_data only restores into an empty, freshly migrated database."
            )
        loaded: set[type[models.Model]] = set()
        signed_last = _signed_last()
        signatures: list[tuple[models.Model, str]] = []
        with connection.constraint_checks_disabled():
            for item in serializers.deserialize(
                "python", document["objects"], handle_forward_references=True
            ):
                label = item.object._meta.label_lower
                if label in signed_last:
                    # A signed note's parts cannot be added once it is signed (the database
                    # refuses it): load it as a draft and sign it once everything is in.
                    field = signed_last[label]
                    signatures.append((item.object, getattr(item.object, field)))
                    setattr(item.object, field, "draft")
                # The database is empty: insert outright (the runtime role may not UPDATE
                # append-only tables, which a save that first tries an UPDATE would do).
                item.save(force_insert=True)
                counts[label] = counts.get(label, 0) + 1
                loaded.add(type(item.object))
            for obj, status in signatures:
                if status != "draft":
                    type(obj)._base_manager.filter(pk=obj.pk).update(
                        **{signed_last[obj._meta.label_lower]: status}
                    )
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
        sql = connection.ops.sequence_reset_sql(no_style(), list(loaded))
        if sql:
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)
    expected = document.get("counts", {})
    missing = {k: v for k, v in expected.items() if v and counts.get(k, 0) != v}
    if missing:
        raise BadDump(f"Counts differ from the export: {missing}")
    return counts
