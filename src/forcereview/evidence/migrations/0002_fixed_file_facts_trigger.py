from django.db import migrations


def install(apps, schema_editor):
    from forcereview.evidence import triggers

    triggers.install(apps, schema_editor)


def remove(apps, schema_editor):
    from forcereview.evidence import triggers

    triggers.remove(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
