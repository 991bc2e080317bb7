# The formulation moves from cases to inventory (issue 15): state only, no table changes.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_course_endings"),
        ("inventory", "0002_people_levels_completion_snapshots_timeline"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The model moves from cases; its table (cases_formulation) and rows stay as they are.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Formulation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("number", models.PositiveSmallIntegerField(verbose_name="version")),
                        (
                            "primary_area",
                            models.CharField(
                                choices=[
                                    ("grief", "Grief"),
                                    ("role_dispute", "Role dispute"),
                                    ("role_transition", "Role transition"),
                                    ("interpersonal_deficits", "Interpersonal deficits"),
                                ],
                                max_length=30,
                                verbose_name="primary focal area",
                            ),
                        ),
                        (
                            "secondary_area",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("grief", "Grief"),
                                    ("role_dispute", "Role dispute"),
                                    ("role_transition", "Role transition"),
                                    ("interpersonal_deficits", "Interpersonal deficits"),
                                ],
                                max_length=30,
                                verbose_name="secondary focal area",
                            ),
                        ),
                        (
                            "worksheet",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                help_text="Worksheet answers keyed by focal area, then field.",
                            ),
                        ),
                        (
                            "plain_words",
                            models.TextField(
                                blank=True, verbose_name="the formulation in plain words"
                            ),
                        ),
                        (
                            "goal_1",
                            models.CharField(blank=True, max_length=300, verbose_name="goal 1"),
                        ),
                        (
                            "goal_2",
                            models.CharField(blank=True, max_length=300, verbose_name="goal 2"),
                        ),
                        (
                            "goal_3",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="goal 3 (optional)"
                            ),
                        ),
                        (
                            "shared_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="shared with the client on"
                            ),
                        ),
                        (
                            "client_agreed",
                            models.BooleanField(default=False, verbose_name="the client agreed"),
                        ),
                        (
                            "client_words",
                            models.TextField(blank=True, verbose_name="the client's own words"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("version", models.PositiveIntegerField(default=1)),
                        (
                            "author",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "course",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="formulations",
                                to="cases.course",
                            ),
                        ),
                        (
                            "onset_event",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="inventory.timelineevent",
                                verbose_name="event or pattern linked to the onset",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_formulation",
                        "ordering": ["course", "-number"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("course", "number"), name="one_formulation_number"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("secondary_area", models.F("primary_area")), _negated=True
                                ),
                                name="formulation_secondary_differs",
                                violation_error_message="The secondary area must differ from the primary.",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
