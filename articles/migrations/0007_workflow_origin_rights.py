"""The editorial workflow (issue 12): an article's origin and rights note, and the
``publish_article`` permission. Who holds it (Editors), and the Writers group, are
defined in articles/groups.py, applied after every migrate.
"""

from django.db import migrations, models

ORIGIN_CHOICES = [
    ("elsewhere", "First published elsewhere (name the publication)"),
    ("unnamed", "First published elsewhere; the source names no publication"),
    ("original", "Original to this site"),
]
ORIGIN_HELP = (
    "Where the piece comes from. A piece first published elsewhere needs its publication (or, if the "
    "source page names none, this choice says so) and a rights note before it can be published here."
)
RIGHTS_HELP = (
    "For a piece first published elsewhere: the licence it was published under, or the permission to "
    "republish it (who gave it, when, how). If neither is known, say so: publishing needs this note to "
    "be filled in, and true."
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_import_aliases_and_comment_origin"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_on", "-live_from", "-pk"],
                "permissions": [("publish_article", "Can publish, schedule, archive and withdraw articles")],
            },
        ),
        *[
            operation
            for model_name in ["article", "historicalarticle"]
            for operation in (
                migrations.AddField(
                    model_name=model_name,
                    name="origin",
                    field=models.CharField(
                        choices=ORIGIN_CHOICES, default="elsewhere", help_text=ORIGIN_HELP, max_length=10,
                        verbose_name="origin",
                    ),
                ),
                migrations.AddField(
                    model_name=model_name,
                    name="rights",
                    field=models.TextField(blank=True, help_text=RIGHTS_HELP, verbose_name="rights"),
                ),
            )
        ],
    ]
