"""Classify every course from the scores already stored (reversible: the rows are derived).

The rule is the app's own (``measures.scores.classification_values``, pure); the rows are read
and written through the historical models."""

from django.conf import settings
from django.db import migrations

ORDER = ("completed_on", "created_at", "id")


def backfill(apps, schema_editor):
    from measures import instruments
    from measures.scores import classification_values

    response_model = apps.get_model("measures", "QuestionnaireResponse")
    course_model = apps.get_model("cases", "Course")
    stored_model = apps.get_model("measures", "StoredClassification")
    thresholds = instruments.thresholds()
    points: dict[int, list[tuple[str, int]]] = {}
    rows = (
        response_model.objects.filter(voided_at__isnull=True, instrument__in=thresholds)
        .order_by("course_id", *ORDER)
        .values_list("course_id", "instrument", "total")
    )
    for course_id, code, total in rows.iterator(chunk_size=5000):
        points.setdefault(course_id, []).append((code, total))
    min_fall = settings.OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL
    stored_model.objects.bulk_create(
        [
            stored_model(
                course_id=pk,
                **classification_values(
                    adaptation, acute is not None, points.get(pk, []), thresholds, min_fall
                ),
            )
            for pk, adaptation, acute in course_model.objects.order_by().values_list(
                "pk", "adaptation", "continues_course"
            )
        ],
        batch_size=2000,
    )


def clear(apps, schema_editor):
    apps.get_model("measures", "StoredClassification").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("measures", "0013_stored_classification")]

    operations = [migrations.RunPython(backfill, clear)]
