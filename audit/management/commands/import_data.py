import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit import imports, records
from audit.trail import record


class Command(BaseCommand):
    help = (
        "Restore an export_data dump into an EMPTY, freshly migrated database (all or nothing), "
        "or bring in a file another app reads (a FHIR Bundle of QuestionnaireResponses: give "
        "--by, and --course when the client has more than one open course)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="A file written by export_data, or a FHIR Bundle"
        )
        parser.add_argument("--by", help="Username of the clinician the imported records are from")
        parser.add_argument("--course", type=int, help="The course the scores belong to")

    def handle(self, *args, path: Path, **options):
        reader = self._other_format(path)
        if reader is not None:
            try:
                summary = reader.load(
                    json.loads(path.read_text(encoding="utf-8")),
                    {"by": options.get("by"), "course": options.get("course"), "file": path.name},
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(self.style.SUCCESS(summary))
            return
        try:
            counts = records.restore(path)
        except (records.NotEmpty, records.BadDump) as error:
            raise CommandError(str(error)) from None
        record(None, "data.import", detail={"file": path.name, "rows": sum(counts.values())})
        self.stdout.write(self.style.SUCCESS(f"Imported {sum(counts.values())} rows from {path}."))

    def _other_format(self, path: Path):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # restore() explains what is wrong with the file
        return imports.reader_for(document)
