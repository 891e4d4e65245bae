"""Keep actor mentions current when editors change actors or their aliases.

Lives in ``articles`` because ``actors`` must not know about articles. The
recount runs after the actor's transaction commits, in one bulk pass.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from actors.models import Actor, ActorAlias

# Saving an actor with five aliases queues six callbacks; the first recounts
# and clears the flag, the rest find nothing to do. Per thread, because each
# request's transaction and its on-commit callbacks run on one thread.
_state = threading.local()


def _recount():
    if not getattr(_state, "dirty", False):
        return
    _state.dirty = False
    from .refresh import refresh_all_actor_mentions

    refresh_all_actor_mentions()


@receiver(post_save, sender=Actor, dispatch_uid="recount_on_actor_save")
@receiver(post_save, sender=ActorAlias, dispatch_uid="recount_on_alias_save")
@receiver(post_delete, sender=ActorAlias, dispatch_uid="recount_on_alias_delete")
def recount_mentions(sender, raw=False, **kwargs):
    if raw:
        return  # loaddata: leave derived rows alone
    _state.dirty = True
    transaction.on_commit(_recount)
