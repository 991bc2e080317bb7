from django.core.management.base import BaseCommand, CommandError

from audit import verification


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain; name the first row deleted, inserted or edited "
        "outside the app. Exits non-zero when the chain is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--head",
            metavar="SEQ:HASH",
            help="A head reported by an earlier run: it must still be in the chain, unchanged "
            "(catches rows removed from the very end).",
        )

    def handle(self, *args, database: str, head: str | None, **options):
        result = verification.verify(database)
        if result.first_break is not None:
            broken = result.first_break
            raise CommandError(
                f"The audit trail is broken at row {broken.seq} (id {broken.row_id}): "
                f"{broken.reason}. The {result.rows} rows before it are intact."
            )
        if head:
            self._check_head(database, head, result)
        self.stdout.write(
            self.style.SUCCESS(f"The audit trail's {result.rows} rows are intact.")
            + f"\nHead: {result.head_seq}:{result.head_hash}"
            + "\nKeep this line somewhere else; pass it as --head next time."
        )

    def _check_head(self, database: str, head: str, result: verification.Verification) -> None:
        from audit.models import AuditEvent

        seq_text, _, digest = head.partition(":")
        if not seq_text.isdigit() or len(digest) != 64:
            raise CommandError("--head takes SEQ:HASH as printed by an earlier run.")
        row = AuditEvent.objects.using(database).filter(seq=int(seq_text)).first()
        if row is None or row.hash != digest:
            raise CommandError(
                f"The audit trail is broken: row {seq_text} recorded earlier is "
                f"{'gone' if row is None else 'different'} (the chain now ends at "
                f"{result.head_seq}). Rows were removed from the end."
            )
