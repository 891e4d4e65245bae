"""Grant the groups what the new editorial models need.

Editors: corrections and redirects (everything), link checks and moderation
decisions (view), and the new history tables (view). Moderators: moderation
decisions (view), shown under each comment. Editors lose adding and deleting
comments: readers' words are read-only, and comments are hidden, never deleted.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_ALL = {"articles": ["correction", "redirect"]}
EDITOR_VIEW = {
    "articles": [
        "linkcheck", "moderationdecision",
        "historicalarticleauthor", "historicalcontribution", "historicalarticleactor",
        "historicalsourcemarker", "historicalcorrection", "historicalauthor", "historicalpublication",
        "historicaltheme", "historicalthemeditem", "historicalevent", "historicalclaimsubject",
    ],
    "actors": ["historicalactoralias", "historicalactorrelation"],
}
MODERATOR_VIEW = {"articles": ["moderationdecision"]}


def _perms(apps, models_by_app, actions):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, models in models_by_app.items()
        for model in models
        for action in actions
    ]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *_perms(apps, EDITOR_ALL, ["add", "change", "delete", "view"]), *_perms(apps, EDITOR_VIEW, ["view"])
        )
        # Readers' words are read-only for every role: nobody adds or deletes a comment.
        editors.permissions.remove(*_perms(apps, {"articles": ["comment"]}, ["add", "delete"]))
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.add(*_perms(apps, MODERATOR_VIEW, ["view"]))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_history_redirects_corrections_link_checks"),
        ("actors", "0003_history_of_aliases_and_relations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
