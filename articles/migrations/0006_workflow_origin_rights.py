"""The editorial workflow (issue 12): an article's origin and rights note, the
``publish_article`` permission (given to Editors), and the Writers group.

Writers draft articles and send them to review; they cannot publish, archive,
delete or schedule anything, and they see the rest of the content only to pick
it in an article (authors, publications, themes, events, claims, actors: view
only). They manage no comments, users, groups or permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITOR_PERMISSIONS = [("articles", "publish_article")]
WRITER_PERMISSIONS = [
    *[
        ("articles", f"{action}_{model}")
        for model in ["article", "articleauthor", "contribution", "articleactor", "sourcemarker", "citation"]
        for action in ["add", "change", "view"]
    ],
    # Deleting a row of one's own draft (a byline, a contribution, a citation) is part of writing it.
    *[("articles", f"delete_{model}") for model in ["articleauthor", "contribution", "articleactor", "sourcemarker", "citation"]],
    *[
        ("articles", f"view_{model}")
        for model in ["author", "publication", "theme", "themeditem", "claim", "claimsubject", "event", "historicalarticle"]
    ],
    ("actors", "view_actor"),
]


def create_permissions_now(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def add_writers_and_publishing(apps, schema_editor):
    create_permissions_now(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*[permission(app, codename) for app, codename in EDITOR_PERMISSIONS])
    writers, _ = Group.objects.get_or_create(name="Writers")
    writers.permissions.set([permission(app, codename) for app, codename in WRITER_PERMISSIONS])


def remove_writers_and_publishing(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Writers").delete()
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(*editors.permissions.filter(codename="publish_article"))


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
        ("articles", "0005_search_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
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
        migrations.RunPython(add_writers_and_publishing, remove_writers_and_publishing),
    ]
