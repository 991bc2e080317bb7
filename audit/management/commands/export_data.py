from pathlib import Path

from django.core.management.base import BaseCommand

from audit import records
from audit.trail import record


class Command(BaseCommand):
    help = "Write a complete, consistent JSON dump of every record (one transaction)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="File to write, e.g. backup.json")

    def handle(self, *args, path: Path, **options):
        counts = records.export(path)
        record(None, "data.export", detail={"file": path.name, "rows": sum(counts.values())})
        for label, count in counts.items():
            self.stdout.write(f"  {label:<36} {count}")
        self.stdout.write(self.style.SUCCESS(f"Exported {sum(counts.values())} rows to {path}."))
