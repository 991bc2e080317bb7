"""Chain the audit trail: each row gets its position, the previous row's hash and its own.

Rows already stored are chained in the order they were written (by id), with the key the app
uses now (``audit.chain.chain_key``). On PostgreSQL the append-only trigger is switched off for
that one UPDATE, inside this migration's transaction, by the owner running it.
"""

import django.utils.timezone
from django.db import migrations, models

from audit import chain


def chain_existing_rows(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    connection = schema_editor.connection
    rows = list(AuditEvent.objects.order_by("id"))
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
            )
        else:
            # SQLite's rules are reinstalled by migrate when it ends (audit.protection).
            cursor.execute("DROP TRIGGER IF EXISTS ipt_audit_auditevent_no_update")
    key = chain.chain_key()
    prev = chain.GENESIS
    for seq, row in enumerate(rows, start=1):
        values = chain.content(
            seq=seq,
            at=row.at,
            actor_id=row.actor_id,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            client_id=row.client_id,
            ip=row.ip,
            request_id=row.request_id,
            detail=row.detail,
        )
        digest = chain.link_hash(key, prev, values)
        AuditEvent.objects.filter(pk=row.pk).update(seq=seq, prev_hash=prev, hash=digest)
        prev = digest
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only"
            )


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_seed_data_may_rewrite_signed_notes")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True),
        ),
    ]
