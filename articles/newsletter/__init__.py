"""
The newsletter: readers sign up for a digest of newly published commentary.

- ``models``: ``Subscriber`` (confirmed subscriptions only) and ``Dispatch`` (send history);
- ``tokens``: the signed links (confirm, unsubscribe, data);
- ``forms``: the sign-up and data-request forms (honeypot and signed form token
  from ``articles.comments.forms``);
- ``services``: every write (confirm, unsubscribe, delete) and the digest runs;
- ``mail``: the messages, each digest with ``List-Unsubscribe``/``List-Unsubscribe-Post``;
- ``tasks``: the Huey tasks (confirmation and data-link mail, digests weekly and on publication);
- ``admin``: subscribers and send history.

Nothing is stored before the owner of an address confirms: the confirmation
link itself carries the address and choices, signed and valid for three days.
Every sign-up gets the same answer whether the address is subscribed or not.
"""
