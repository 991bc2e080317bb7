from django.db import migrations, models


class Migration(migrations.Migration):
    """An index for the dashboard's list of questionnaires clients sent lately: newest first,
    over the (few) valid responses completed by the client, not every response of a service."""

    dependencies = [
        ("measures", "0011_risk_flag_from_booster"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="questionnaireresponse",
            index=models.Index(
                condition=models.Q(("completed_by_client", True), ("voided_at__isnull", True)),
                fields=["-created_at"],
                name="questionnaire_sent_by_client",
            ),
        ),
    ]
