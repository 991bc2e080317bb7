"""Fill ``MeasureEnds`` from the responses already stored (reversible: the rows are derived)."""

from django.db import migrations

ORDER = ("completed_on", "created_at", "id")


def backfill(apps, schema_editor):
    response_model = apps.get_model("measures", "QuestionnaireResponse")
    ends_model = apps.get_model("measures", "MeasureEnds")
    series: dict[tuple[int, str], list[int]] = {}
    rows = (
        response_model.objects.filter(voided_at__isnull=True)
        .order_by("course_id", "instrument", *ORDER)
        .values_list("course_id", "instrument", "total")
    )
    for course_id, instrument, total in rows.iterator(chunk_size=5000):
        series.setdefault((course_id, instrument), []).append(total)
    ends_model.objects.bulk_create(
        [
            ends_model(
                course_id=course_id,
                instrument=instrument,
                first_total=totals[0],
                latest_total=totals[-1],
                count=len(totals),
            )
            for (course_id, instrument), totals in series.items()
        ],
        batch_size=2000,
    )


def clear(apps, schema_editor):
    apps.get_model("measures", "MeasureEnds").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("measures", "0007_measure_ends")]

    operations = [migrations.RunPython(backfill, clear)]
