# The supervisor's flags look up questionnaires by session and, unlinked, by course and day.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("measures", "0003_add_smfq_child_measure")]

    operations = [
        migrations.AddIndex(
            model_name="questionnaireresponse",
            index=models.Index(
                condition=models.Q(("voided_at__isnull", True)),
                fields=["session"],
                name="questionnaire_valid_by_session",
            ),
        ),
        migrations.AddIndex(
            model_name="questionnaireresponse",
            index=models.Index(
                condition=models.Q(("session__isnull", True), ("voided_at__isnull", True)),
                fields=["course", "completed_on"],
                name="questionnaire_unlinked_by_day",
            ),
        ),
    ]
