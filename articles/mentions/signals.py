"""Keep actor mentions current when editors change actors' names or their aliases.

Lives in ``articles`` because ``actors`` must not know about articles. Recounting
reads every article, so it never runs inside the editor's request: once the
actor's transaction commits, one recount is queued for the task worker
(``articles.mentions.tasks.recount_all_mentions``; inside the process when
``KZ_TASKS_IMMEDIATE`` is set, as in tests). Saving an actor whose name did not
change (a new description, a role) queues nothing.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from actors.models import Actor, ActorAlias

# Saving an actor with five aliases sends six signals; the first queues the
# recount and the rest find it queued. Per thread, because each request's
# transaction and its on-commit callbacks run on one thread.
_state = threading.local()


def _queue_recount():
    if not getattr(_state, "dirty", False):
        return
    _state.dirty = False
    from .tasks import recount_all_mentions

    recount_all_mentions()


def _mark_dirty():
    _state.dirty = True
    transaction.on_commit(_queue_recount)


@receiver(pre_save, sender=Actor, dispatch_uid="actor_name_before_save")
def remember_old_name(sender, instance, raw=False, **kwargs):
    """The actor's names as stored, in one query: the English one for mention detection
    (``_name_before_save``), all of them for the search index (``_names_before_save``,
    ``articles.search.actor_tokens``)."""
    from articles.search.actor_tokens import NAME_FIELDS

    instance._name_before_save = instance._names_before_save = None
    if raw or instance.pk is None:
        return
    names = Actor.objects.filter(pk=instance.pk).values_list(*NAME_FIELDS).first()
    instance._names_before_save = names
    # The English name (detection reads English names), whatever the request's language.
    instance._name_before_save = names[NAME_FIELDS.index("name_en")] if names else None


@receiver(post_save, sender=Actor, dispatch_uid="recount_on_actor_save")
def recount_on_actor_save(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return  # loaddata: leave derived rows alone
    if created or getattr(instance, "_name_before_save", None) != instance.name_en:
        _mark_dirty()


@receiver(post_save, sender=ActorAlias, dispatch_uid="recount_on_alias_save")
@receiver(post_delete, sender=ActorAlias, dispatch_uid="recount_on_alias_delete")
def recount_mentions(sender, raw=False, **kwargs):
    if raw:
        return
    _mark_dirty()
