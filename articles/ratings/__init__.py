"""
Article ratings: "Rate this article" (1–5), without JavaScript.

One vote per reader per article: the reader is the keyed hash of their client
address (``articles.comments.services.hash_client_ip``), so a second vote
replaces the first, and clearing cookies or opening a new browser changes
nothing. Ballot stuffing is further resisted by a rate limit per client
(``KZ_RATING_RATE``) and a signed form token holding when the form was issued:
a forged token, or a form older than a day, casts no vote.

The token is the same for every reader of an article at a given second (it
holds no per-reader value); the client hash is worked out when the vote is
posted. So an article page with its rating form can be cached for anonymous
readers and shared between them, as long as it is cached for less than a day.

The average and count are shown to readers; they are not put in JSON-LD
(no self-serving ``aggregateRating``).
"""
