# The formulation moved to inventory (issue 15): cases forgets the model; the table stays,
# now owned by inventory.Formulation (db_table "cases_formulation").

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_course_endings"),
        ("inventory", "0003_formulation_moves_here"),
        ("supervision", "0002_comment_formulation_in_inventory"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Formulation")],
            database_operations=[],
        ),
    ]
