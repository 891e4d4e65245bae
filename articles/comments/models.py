"""Used comment-form tokens: each form a reader is given may send one comment.

The signed token says when the form was issued and carries a random nonce;
the nonce is recorded here, in the same transaction as the comment it sent.
A second, different comment with the same token is refused (the reader's
text is shown again with a fresh token); resending the *same* comment lands
on the comment already stored. Rows older than a token's lifetime (a day)
can go: the signature refuses such tokens anyway.
"""

from django.db import models
from django.utils import timezone


class UsedFormToken(models.Model):
    nonce = models.CharField(max_length=64, unique=True)
    comment = models.ForeignKey("articles.Comment", on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "used comment-form token"

    def __str__(self):
        return f"{self.nonce[:8]}… → comment {self.comment_id}"
