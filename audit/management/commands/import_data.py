from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit import records
from audit.trail import record


class Command(BaseCommand):
    help = "Restore an export_data dump into an EMPTY, freshly migrated database (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A file written by export_data")

    def handle(self, *args, path: Path, **options):
        try:
            counts = records.restore(path)
        except (records.NotEmpty, records.BadDump) as error:
            raise CommandError(str(error)) from None
        record(None, "data.import", detail={"file": path.name, "rows": sum(counts.values())})
        self.stdout.write(self.style.SUCCESS(f"Imported {sum(counts.values())} rows from {path}."))
