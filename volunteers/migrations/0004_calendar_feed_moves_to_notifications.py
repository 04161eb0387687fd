# The personal calendar feed moved to notifications (a foundation app), so that one
# secret address shows every app's events. Rows are copied with their tokens, so
# addresses people already subscribed to keep working.

from django.db import migrations


def copy_feeds(apps, schema_editor):
    old = apps.get_model("volunteers", "CalendarFeed")
    new = apps.get_model("notifications", "CalendarFeed")
    new.objects.bulk_create(
        [
            new(user_id=feed.user_id, token=feed.token, created_at=feed.created_at)
            for feed in old.objects.all().iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def copy_back(apps, schema_editor):
    old = apps.get_model("volunteers", "CalendarFeed")
    new = apps.get_model("notifications", "CalendarFeed")
    old.objects.bulk_create(
        [
            old(user_id=feed.user_id, token=feed.token, created_at=feed.created_at)
            for feed in new.objects.all().iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0003_merge_records_and_matching"),
        ("notifications", "0003_calendar_feed"),
    ]

    operations = [
        migrations.RunPython(copy_feeds, copy_back),
        migrations.DeleteModel(name="CalendarFeed"),
    ]
