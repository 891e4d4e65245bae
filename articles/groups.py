"""The editorial groups (Editors, Moderators, Writers) as the migrations define them.

The migrations create them once. ``ensure_editorial_groups`` runs after every
``migrate`` and every ``flush`` (Django's ``post_migrate`` signal) and creates
any of them that is missing, with the permissions its migration gives it; a group
that exists is left exactly as it is. So a database emptied by ``flush`` (as the
test suite's transactional tests do) or a group deleted by mistake gets its
roles back, and a superuser's changes to an existing group are never undone.
"""

from importlib import import_module

from django.db.models import Q

GROUPS_MIGRATION = "articles.migrations.0002_editorial_groups"
WORKFLOW_MIGRATION = "articles.migrations.0006_workflow_origin_rights"


def group_permissions() -> dict[str, list[tuple[str, str]]]:
    """(app label, codename) pairs per group name, from the migrations."""
    groups = import_module(GROUPS_MIGRATION).group_permissions()
    workflow = import_module(WORKFLOW_MIGRATION)
    groups["Editors"] = [*groups["Editors"], *workflow.EDITOR_PERMISSIONS]
    groups["Writers"] = list(workflow.WRITER_PERMISSIONS)
    return groups


def ensure_editorial_groups(*, using: str = "default", **kwargs) -> list[str]:
    """Create the editorial groups that are missing; returns their names."""
    from django.contrib.auth.models import Group, Permission

    wanted = group_permissions()
    existing = set(Group.objects.using(using).filter(name__in=wanted).values_list("name", flat=True))
    missing = [name for name in wanted if name not in existing]
    for name in missing:
        pairs = wanted[name]
        match = Q(pk__in=[])
        for app_label, codename in pairs:
            match |= Q(content_type__app_label=app_label, codename=codename)
        permissions = list(Permission.objects.using(using).filter(match))
        if len(permissions) != len(set(pairs)):
            continue  # the permissions are not all there yet (a partial migrate): leave it to the migrations
        group = Group.objects.using(using).create(name=name)
        group.permissions.set(permissions)
    return missing
