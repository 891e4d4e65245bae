# Previewing unpublished articles on the public site gets its own permission (issue 12):
# Editors have it (articles.groups), Writers and Moderators do not.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_translations"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_on", "-live_from", "-pk"],
                "permissions": [
                    ("publish_article", "Can publish, schedule, archive and withdraw articles"),
                    ("preview_article", "Can preview unpublished articles on the public site"),
                ],
            },
        ),
    ]
