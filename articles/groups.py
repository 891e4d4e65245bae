"""The least-privilege staff groups, defined once and kept in step on every ``migrate``.

Editors: all editorial content (articles, authors, publications, themes, claims,
citations, events, actors, images, corrections, redirects), every history, link
checks, publishing (``articles.publish_article``: publish, schedule, archive,
withdraw), previews of unpublished pieces on the public site
(``articles.preview_article``), comment moderation and the spam blocklist; readers'
votes and newsletter subscribers to view and delete (issue 19). Nobody adds or deletes a reader's comment
(readers' words are read-only; comments are hidden, never deleted).
Moderators: comment moderation and the blocklist, nothing else. Writers: draft
articles (with their bylines, contributions, actor rows, source markers and
citations) and send them to review; they see the rest of the content only to
pick it in an article, and cannot publish, schedule, archive, delete or preview
articles on the public site (they read their drafts in the admin).
No group can manage users, groups or permissions (the chief editor is a superuser
or is given the auth permissions one by one: ``articles/admin/team.py``).

``ensure_groups`` runs after every ``migrate`` (``post_migrate``, connected in
``ArticlesConfig.ready``), so a permission added with a new model reaches its group
without a data migration, and a test database emptied by a transactional test gets
its groups back (Django re-sends ``post_migrate`` after such a flush). It sets each
group's permissions to exactly this definition.
"""

CONTENT = {
    "articles": [
        "article", "articleauthor", "contribution", "articleactor", "sourcemarker",
        "author", "publication", "theme", "themeditem", "claim", "claimsubject",
        "citation", "event", "correction", "redirect",
    ],
    "actors": ["actor", "actoralias", "actorrelation"],
}
HISTORY = {
    "articles": [
        "historicalarticle", "historicalclaim", "historicalcitation",
        "historicalarticleauthor", "historicalcontribution", "historicalarticleactor",
        "historicalsourcemarker", "historicalcorrection", "historicalauthor", "historicalpublication",
        "historicaltheme", "historicalthemeditem", "historicalevent", "historicalclaimsubject",
    ],
    "actors": ["historicalactor", "historicalactoralias", "historicalactorrelation"],
}
# Filled by the site (link checks, moderation decisions): editors read them.
RECORDS = {"articles": ["linkcheck", "moderationdecision"]}
# Issue 19: images are editorial content; votes and subscribers come from readers, so
# editors may look at them and delete abuse, never add or edit them.
IMAGES = {"images": ["articleimage", "authorportrait", "actorimage"]}
READER_DATA = [
    ("ratings", "view_vote"), ("ratings", "delete_vote"), ("ratings", "view_ratedarticle"),
    ("newsletter", "view_subscriber"), ("newsletter", "delete_subscriber"), ("newsletter", "view_dispatch"),
]
ALL_ACTIONS = ["add", "change", "delete", "view"]


def _codenames(models_by_app, actions):
    for app_label, models in models_by_app.items():
        for model in models:
            for action in actions:
                yield app_label, f"{action}_{model}"


# What a Writer works on: an article and the rows that belong to it.
WRITING = {"articles": ["article", "articleauthor", "contribution", "articleactor", "sourcemarker", "citation"]}
# What a Writer only looks up to fill in an article (autocompletes need view permission).
LOOKUPS = {
    "articles": ["author", "publication", "theme", "themeditem", "claim", "claimsubject", "event", "historicalarticle"],
    "actors": ["actor"],
}


def definitions():
    """{group name: [(app_label, codename)]}."""
    return {
        "Editors": [
            *_codenames(CONTENT, ALL_ACTIONS),
            *_codenames(HISTORY, ["view"]),
            *_codenames(RECORDS, ["view"]),
            # Readers' words are read-only for every role: nobody adds or deletes a comment.
            ("articles", "view_comment"),
            ("articles", "change_comment"),
            *_codenames({"articles": ["blocklistterm"]}, ALL_ACTIONS),
            *_codenames(IMAGES, ALL_ACTIONS),
            *READER_DATA,
            ("articles", "publish_article"),
            ("articles", "preview_article"),
        ],
        # Moderators judge comments; they do not write or delete them.
        "Moderators": [
            ("articles", "view_comment"),
            ("articles", "change_comment"),
            ("articles", "view_moderationdecision"),
            *_codenames({"articles": ["blocklistterm"]}, ALL_ACTIONS),
        ],
        # Writers draft and send to review; publishing is the Editors'.
        "Writers": [
            *_codenames(WRITING, ["add", "change", "view"]),
            # Deleting a row of one's own draft (a byline, a citation) is part of writing it.
            *_codenames({"articles": WRITING["articles"][1:]}, ["delete"]),
            *_codenames(LOOKUPS, ["view"]),
        ],
    }


def ensure_groups(apps=None, *, strict=True):
    """Create or update every group to its definition. ``apps``: a migration's
    historical registry (default: the real one). ``strict=False`` skips permissions
    whose model does not exist yet (an early migration on a fresh database)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        if apps is global_apps:
            create_permissions(app_config, verbosity=0)
        else:
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, pairs in definitions().items():
        wanted = set(pairs)
        found = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.select_related("content_type").filter(
                content_type__app_label__in={app for app, _ in wanted}, codename__in={c for _, c in wanted}
            )
        }
        missing = wanted - set(found)
        if missing and strict:
            raise LookupError(f"permissions for group {name!r} do not exist: {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([found[pair] for pair in wanted if pair in found])


def ensure_groups_after_migrate(sender, **kwargs):
    """post_migrate receiver (sent once per app): runs on the articles app's signal;
    ``ensure_groups`` creates every app's permissions first."""
    if sender.name == "articles":
        ensure_groups()
