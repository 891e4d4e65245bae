"""Writes to themes that span models: merging two themes."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Theme, ThemedItem
from .redirects import record_slug_change


@transaction.atomic
def merge_themes(*, keep: Theme, merge: Theme) -> int:
    """File everything under ``merge`` under ``keep`` instead, then delete ``merge``;
    its address redirects permanently to ``keep``'s. Returns how many articles,
    claims and events were moved (those already under ``keep`` are not counted).

    Each moved link is saved on its own, so the history of theme links records it.
    """
    if keep.pk == merge.pk:
        raise ValidationError("Choose two different themes to merge.")
    keep.full_clean()
    already = set(ThemedItem.objects.filter(tag=keep).values_list("content_type_id", "object_id"))
    moved = 0
    for item in ThemedItem.objects.filter(tag=merge).order_by("pk"):
        if (item.content_type_id, item.object_id) in already:
            item.delete()
        else:
            item.tag = keep
            item.save()
            moved += 1
    if not keep.description.strip() and merge.description.strip():
        keep.description = merge.description
        keep.save()
    old_slug = merge.slug
    merge.delete()
    record_slug_change(model=Theme, old_slug=old_slug, new_slug=keep.slug, reason=f"theme merged into “{keep.name}”")
    return moved
