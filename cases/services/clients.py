"""Writing client records: register, edit, archive, restore. Each change is audited in its
own transaction."""

from django.db import transaction
from django.utils import timezone

from audit import trail
from cases import ports
from cases.exceptions import RuleBroken
from cases.models import Client
from cases.versioning import claim_next_version


@transaction.atomic
def register_client(actor, client: Client) -> Client:
    """Save a new client (built by the form, not yet saved) registered by ``actor``."""
    client.registered_by = actor
    client.save()
    trail.record(actor, "client.create", client, client=client)
    return client


def record_number_refused(actor, number: str) -> None:
    """Note a refused record number for the service administrator: the therapist is told only
    that it cannot be used, the administrator can see who asked and who holds it."""
    trail.record(actor, "client.record_number_refused", detail={"record_number": number[:40]})


@transaction.atomic
def update_client(actor, client: Client, expected_version: int, changed: list[str]) -> Client:
    """Save the form's changes to ``client`` unless someone saved it since the form was loaded."""
    claim_next_version(client, expected_version)
    client.save()
    trail.record(actor, "client.update", client, client=client, detail={"fields": changed})
    return client


@transaction.atomic
def archive_client(actor, client: Client, reason: str) -> Client:
    """Take a client off the caseload. The record stays and search still finds it."""
    reason = reason.strip()
    if not reason:
        raise RuleBroken("Say why the client is being archived.")
    if client.is_archived:
        raise RuleBroken("This client is already archived.")
    if client.courses.filter(status="active").exists():
        raise RuleBroken(
            "This client has an active course. Complete it or end it early before archiving."
        )
    flags = ports.risk().open_flag_reasons(client)
    if flags:
        # Archiving takes the client off every caseload: an unreviewed risk must not go with it.
        raise RuleBroken(
            f"A suicide-risk flag is still open for this client ({flags[0]}). Record its risk "
            "review on the course's risk page before archiving."
        )
    client.archived_at = timezone.now()
    client.archive_reason = reason
    client.version += 1
    client.save(update_fields=["archived_at", "archive_reason", "version", "updated_at"])
    trail.record(actor, "client.archive", client, client=client, detail={"reason": reason})
    return client


@transaction.atomic
def restore_client(actor, client: Client) -> Client:
    """Bring an archived client back onto the caseload."""
    if not client.is_archived:
        raise RuleBroken("This client is not archived.")
    client.archived_at = None
    client.archive_reason = ""
    client.version += 1
    client.save(update_fields=["archived_at", "archive_reason", "version", "updated_at"])
    trail.record(actor, "client.restore", client, client=client)
    return client
