"""The rows a history revert wrote, in the admin's history: named in the article's
change message and logged one admin log entry per row (used by ``ArticleAdmin``)."""

import json

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from articles import reverts


def _row_message(change):
    name = str(change.kind)  # as the revert page names it ("byline", not "article author")
    if change.action == reverts.REMOVE:
        return {"deleted": {"name": name, "object": change.removed_repr}}
    if change.action == reverts.RESTORE:
        return {"added": {"name": name, "object": str(change.obj)}}
    return {"changed": {"name": name, "object": str(change.obj), "fields": [change.part.label(f) for f in change.fields]}}


def _log_row_changes(user, rows):
    """One admin log entry per row a revert wrote, naming the fields it changed."""
    entries = []
    for change in rows:
        flag = {reverts.REMOVE: DELETION, reverts.RESTORE: ADDITION}.get(change.action, CHANGE)
        message = {reverts.REMOVE: [], reverts.RESTORE: [{"added": {}}]}.get(
            change.action, [{"changed": {"fields": [change.part.label(f) for f in change.fields]}}]
        )
        entries.append(
            LogEntry(
                user_id=user.pk,
                content_type_id=ContentType.objects.get_for_model(change.part.model).pk,
                object_id=str(change.removed_pk if change.action == reverts.REMOVE else change.obj.pk),
                object_repr=(change.removed_repr if change.action == reverts.REMOVE else str(change.obj))[:200],
                action_flag=flag,
                change_message=json.dumps(message),
            )
        )
    LogEntry.objects.bulk_create(entries)
