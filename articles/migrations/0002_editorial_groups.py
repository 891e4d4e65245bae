"""Create the least-privilege staff groups (defined in articles/groups.py).

Editors: all editorial content (articles, authors, publications, themes,
claims, citations, events, actors) plus comment moderation and the spam
blocklist. Moderators: comment moderation and the blocklist, nothing else.
Neither group can manage users, groups or permissions.
"""

from django.db import migrations


def create_groups(apps, schema_editor):
    # The definition lives in articles/groups.py (also run after every migrate);
    # here, on a fresh database, only the permissions that already exist are given.
    from articles.groups import ensure_groups

    ensure_groups(apps, strict=False)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("actors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
