"""Rows written before the chain existed are chained by audit/migrations/0004_hash_chain.py."""

import pytest
from django.core.management import call_command
from django.db import connection

from audit import chain, roles, verification

pytestmark = pytest.mark.django_db(transaction=True)


def test_rows_from_before_the_chain_are_chained_in_the_order_written():
    call_command("migrate", "audit", "0003", verbosity=0)
    try:
        with roles.as_owner(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The chain's own insert rule names columns 0003 does not have yet.
                cursor.execute(
                    "DROP TRIGGER IF EXISTS ipt_audit_chain_continues ON audit_auditevent"
                )
            for hours, action in ((3, "legacy.first"), (1, "legacy.second"), (2, "legacy.third")):
                cursor.execute(
                    "INSERT INTO audit_auditevent (at, action, object_type, object_id, "
                    "request_id, detail) VALUES (%s, %s, '', '', '', '{\"n\": 1}')",
                    [chain.timezone.now() - chain.datetime.timedelta(hours=hours), action],
                )
    finally:
        call_command("migrate", verbosity=0)
    from audit.models import AuditEvent

    rows = list(AuditEvent.objects.order_by("seq").values_list("seq", "action"))
    assert rows == [(1, "legacy.first"), (2, "legacy.second"), (3, "legacy.third")]
    result = verification.verify()
    assert (result.rows, result.first_break) == (3, None)
