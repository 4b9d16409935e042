"""Slugs the admin's script spelt without umlauts ("gorlitz") get the German spelling ("goerlitz");
their old addresses redirect to the new ones."""

from django.db import migrations

from portal.slugs import fix_naive_slugs


def forwards(apps, schema_editor):
    fix_naive_slugs(
        apps.get_model("portal", "District"),
        "name",
        "portal:district",
        apps.get_model("portal", "SlugRedirect").objects,
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_slug_redirects")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
