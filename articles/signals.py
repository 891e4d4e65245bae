"""Keep actor mentions current when editors change actors or their aliases.

Lives in ``articles`` because ``actors`` must not know about articles; the
recount runs after the actor's transaction commits, in one bulk pass.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from actors.models import Actor, ActorAlias


def _recount():
    from .mentions import refresh_all_actor_mentions

    refresh_all_actor_mentions()


def _recount_after_commit(**kwargs):
    if kwargs.get("raw"):
        return  # loaddata: leave derived rows alone
    # One recount per transaction, however many actors and aliases it saves.
    queued = transaction.get_connection().run_on_commit
    if any(entry[1] is _recount for entry in queued):
        return
    transaction.on_commit(_recount)


@receiver(post_save, sender=Actor, dispatch_uid="recount_on_actor_save")
@receiver(post_save, sender=ActorAlias, dispatch_uid="recount_on_alias_save")
@receiver(post_delete, sender=ActorAlias, dispatch_uid="recount_on_alias_delete")
def recount_mentions(sender, **kwargs):
    _recount_after_commit(**kwargs)
