"""Readers' votes on articles, one per reader (client hash) per article."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class Vote(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="votes", verbose_name=_("article"))
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)], verbose_name=_("score"))
    client_hash = models.CharField(
        max_length=64, editable=False,
        help_text=_("Keyed hash of the reader's address: one vote per reader, the address itself is never stored."),
        verbose_name=_("client hash"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created at"))
    updated_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("updated at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "client_hash"], name="one_vote_per_reader_per_article"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="vote_score_1_to_5"),
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.score}/5 on article {self.article_id}"


class RatedArticle(Article):
    """Articles as seen from their votes (the admin's "votes per article")."""

    class Meta:
        proxy = True
        verbose_name = _("article rating")
        verbose_name_plural = _("article ratings")
