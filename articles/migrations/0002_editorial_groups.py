"""Create the two least-privilege staff groups.

Editors: all editorial content (articles, authors, publications, themes,
claims, citations, events, actors) plus comment moderation and the spam
blocklist. Moderators: comment moderation and the blocklist, nothing else.
Neither group can manage users, groups or permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "articles": [
        "article", "articleauthor", "contribution", "articleactor", "sourcemarker",
        "author", "publication", "theme", "themeditem", "claim", "claimsubject",
        "citation", "event",
    ],
    "actors": ["actor", "actoralias", "actorrelation"],
}
HISTORY = {
    "articles": ["historicalarticle", "historicalclaim", "historicalcitation"],
    "actors": ["historicalactor"],
}
MODERATION = {"articles": ["comment", "blocklistterm"]}
ALL_ACTIONS = ["add", "change", "delete", "view"]


def _codenames(models_by_app, actions):
    for app_label, models in models_by_app.items():
        for model in models:
            for action in actions:
                yield app_label, f"{action}_{model}"


def group_permissions():
    """(app label, codename) pairs per group, as this migration defines them
    (``articles.groups`` re-creates missing groups from them)."""
    moderation = list(_codenames(MODERATION, ALL_ACTIONS))
    # Moderators judge comments; they do not write or delete them.
    moderator_perms = [
        ("articles", "view_comment"),
        ("articles", "change_comment"),
        *_codenames({"articles": ["blocklistterm"]}, ALL_ACTIONS),
    ]
    editor_perms = [
        *_codenames(CONTENT, ALL_ACTIONS),
        *_codenames(HISTORY, ["view"]),
        *moderation,
    ]
    return {"Editors": editor_perms, "Moderators": moderator_perms}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they
    # exist now so the groups can reference them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    perms = group_permissions()
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(permissions(perms["Editors"]))
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.set(permissions(perms["Moderators"]))


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
