from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet):
    """Rows can be added and read; bulk updates and deletes are refused."""

    def update(self, **kwargs):
        raise AppendOnlyError("The audit trail is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit trail is append-only.")

    def bulk_create(self, objs, *args, **kwargs):
        """Many rows at once, chained like any other (``audit.chain.append``)."""
        from audit import chain

        return chain.append(objs)

    def bulk_update(self, objs, *args, **kwargs):
        raise AppendOnlyError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One append-only line of the audit trail: who did what to which record, when and from where.

    Rows are only ever inserted, and only through ``audit.chain.append`` (``audit.trail.record``
    calls it), which gives each row its place in the hash chain: ``seq``, ``prev_hash`` and
    ``hash``. The database refuses UPDATE and DELETE, and an INSERT that does not continue the
    chain (see ``audit.protection``).
    """

    # Set by audit.chain.append under the chain's lock (not auto_now_add, which would change it
    # after the hash was computed).
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # The two references are kept without database constraints: a constraint's check locks
    # the row it points to, so every audited read would write to that client's and that
    # user's rows (hundreds at once for a CSV). Nothing is lost: a client row can never be
    # deleted (a trigger), and Django refuses to delete anyone the trail names (PROTECT).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    # No index of its own: the (client, at) index below serves every lookup by client, and
    # each index is paid for on every audited read (one row per record shown).
    client = models.ForeignKey(
        "cases.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The audit trail is append-only.")
        from audit import chain

        chain.append([self])

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit trail is append-only.")
