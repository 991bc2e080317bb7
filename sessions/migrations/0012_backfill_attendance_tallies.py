"""Fill ``AttendanceTally`` from the sessions already held (reversible: the rows are derived).

The expressions are ``sessions.tallies``'s (the local date of ``held_at``, else of
``scheduled_for``), written against the historical models."""

from django.db import migrations
from django.db.models import Count, Max, Min
from django.db.models.functions import Coalesce, TruncDate


def backfill(apps, schema_editor):
    session_model = apps.get_model("session_logs", "Session")
    course_model = apps.get_model("cases", "Course")
    tally_model = apps.get_model("session_logs", "AttendanceTally")
    held_on = TruncDate(Coalesce("held_at", "scheduled_for"))
    counted = {
        row["course_id"]: row
        for row in session_model.objects.filter(attendance="attended", voided_at__isnull=True)
        .order_by()
        .values("course_id")
        .annotate(n=Count("pk"), first=Min(held_on), last=Max(held_on))
    }
    tally_model.objects.bulk_create(
        [
            tally_model(
                course_id=pk,
                attended=counted[pk]["n"] if pk in counted else 0,
                first_attended_on=counted[pk]["first"] if pk in counted else None,
                last_attended_on=counted[pk]["last"] if pk in counted else None,
            )
            for pk in course_model.objects.order_by().values_list("pk", flat=True)
        ],
        batch_size=2000,
    )


def clear(apps, schema_editor):
    apps.get_model("session_logs", "AttendanceTally").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("session_logs", "0011_attendance_tally")]

    operations = [migrations.RunPython(backfill, clear)]
