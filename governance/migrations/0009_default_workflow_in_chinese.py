"""Wagtail's default workflow and its task are named in English ("Moderators
approval"), and editors see the name on the submit button ("提交给Moderators
approval"). Name them in Chinese, the site's language for its editors."""

from django.db import migrations

ENGLISH = "Moderators approval"
CHINESE = "审核"


def rename(apps, schema_editor, old=ENGLISH, new=CHINESE):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=CHINESE, new=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_certificates"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
