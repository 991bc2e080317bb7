"""Walking the audit trail's hash chain (``audit.chain``) to find the first row that breaks it:
``manage.py verify_audit``."""

import hmac
from dataclasses import dataclass

from audit.chain import GENESIS, chain_key, event_content, link_hash


@dataclass(frozen=True)
class Break:
    seq: int
    row_id: int | None
    reason: str


@dataclass(frozen=True)
class Verification:
    rows: int
    head_seq: int
    head_hash: str
    first_break: Break | None


def verify(using: str = "default", *, chunk_size: int = 2000) -> Verification:
    """Walk the chain from the first row; stop at the first row that breaks it."""
    from audit.models import AuditEvent

    key = chain_key()
    prev, expected, count = GENESIS, 1, 0
    rows = AuditEvent.objects.using(using).order_by("seq", "id")
    for row in rows.iterator(chunk_size=chunk_size):
        count += 1
        if row.seq != expected:
            reason = (
                f"row {expected} is missing: the next row is {row.seq} (deleted?)"
                if row.seq is not None and row.seq > expected
                else f"row id {row.id} has position {row.seq}, expected {expected} (inserted?)"
            )
            return Verification(count - 1, expected - 1, prev, Break(expected, row.id, reason))
        if row.prev_hash != prev:
            return Verification(
                count - 1,
                expected - 1,
                prev,
                Break(
                    row.seq, row.id, "it does not link to the row before (inserted or reordered?)"
                ),
            )
        if not hmac.compare_digest(row.hash, link_hash(key, row.prev_hash, event_content(row))):
            return Verification(
                count - 1,
                expected - 1,
                prev,
                Break(
                    row.seq,
                    row.id,
                    "its content does not match its hash (edited, or written outside the app)",
                ),
            )
        prev, expected = row.hash, expected + 1
    return Verification(count, expected - 1, prev, None)
