"""Village wording: a village's disclosure board and charters index were titled
with the city words (居务公开, 自治章程与居民公约); retitle them with the village's
(村务公开, 自治章程与村规民约). New communities get the right title from
communities.wording when they are set up."""

from django.db import migrations

RETITLE = {
    "disclosureindexpage": {"居务公开": "村务公开"},
    "charterindexpage": {"自治章程与居民公约": "自治章程与村规民约"},
}


def retitle(apps, schema_editor):
    for model_name, titles in RETITLE.items():
        model = apps.get_model("governance", model_name)
        for city, village in titles.items():
            model.objects.filter(community__kind="village", title=city).update(
                title=village, draft_title=village
            )


class Migration(migrations.Migration):
    dependencies = [("governance", "0006_vetting")]

    operations = [migrations.RunPython(retitle, migrations.RunPython.noop)]
