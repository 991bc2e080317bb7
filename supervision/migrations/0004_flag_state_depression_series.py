from django.db import migrations, models


def mark_stale(apps, schema_editor):
    """Every stored state is worked out again by its next reader, so none lacks its series."""
    apps.get_model("supervision", "CourseFlagState").objects.update(computed_version=None)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0003_course_flag_state")]

    operations = [
        migrations.AddField(
            model_name="courseflagstate",
            name="depression_series",
            field=models.JSONField(null=True),
        ),
        migrations.RunPython(mark_stale, migrations.RunPython.noop),
    ]
