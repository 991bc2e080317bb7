# The formulation moved to inventory (issue 15): the comment's foreign key follows, state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0003_formulation_moves_here"),
        ("supervision", "0001_supervision_records"),
    ]

    operations = [
        # Same table, same column: only the model the foreign key names moved app.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="supervisorcomment",
                    name="formulation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supervisor_comments",
                        to="inventory.formulation",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
