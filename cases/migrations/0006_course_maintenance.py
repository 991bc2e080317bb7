import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Maintenance IPT: a course may continue a completed acute course, at a cadence."""

    dependencies = [("cases", "0005_course_initial_records")]

    operations = [
        migrations.AddField(
            model_name="course",
            name="continues_course",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="maintenance_courses",
                to="cases.course",
                verbose_name="acute course it continues",
            ),
        ),
        migrations.AddField(
            model_name="course",
            name="cadence_weeks",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (2, "Fortnightly"),
                    (4, "Monthly (every 4 weeks)"),
                    (6, "Every 6 weeks"),
                    (8, "Every 8 weeks"),
                ],
                null=True,
                verbose_name="how often sessions are held",
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.CheckConstraint(
                condition=models.Q(continues_course__isnull=True, cadence_weeks__isnull=True)
                | models.Q(continues_course__isnull=False, cadence_weeks__isnull=False),
                name="maintenance_course_has_cadence",
                violation_error_message="A maintenance course needs its cadence, and only it.",
            ),
        ),
    ]
