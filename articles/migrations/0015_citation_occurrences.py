"""How many times each citation's quote occurs in its article's text, so that re-anchoring
never moves a citation onto the same words elsewhere once its own were edited away.

Counted from the stored HTML (the text as last saved), without moving any citation."""

from django.db import migrations, models

from articles.rendering import anchoring

HELP = (
    "How many times the quote's words occurred in the text when it was last anchored: where "
    "they occur more than once, the citation follows only the occurrence its context singles out."
)


def count_occurrences(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Contribution = apps.get_model("articles", "Contribution")
    Citation = apps.get_model("articles", "Citation")
    for article in Article.objects.filter(pk__in=Citation.objects.values("article")).iterator():
        contributions = (
            Contribution.objects.filter(article=article).order_by("order").values_list("order", "body_html")
        )
        document = anchoring.Document(
            [("", article.body_html)] + [(f"c{o}-", html) for o, html in contributions]
        )
        citations = list(Citation.objects.filter(article=article))
        for citation in citations:
            citation.occurrences = min(max(anchoring.count(document, citation.quote), 1), 32767)
        Citation.objects.bulk_update(citations, ["occurrences"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_search_per_language")]

    operations = [
        migrations.AddField(
            model_name="citation",
            name="occurrences",
            field=models.PositiveSmallIntegerField(default=1, editable=False, help_text=HELP),
        ),
        migrations.AddField(
            model_name="historicalcitation",
            name="occurrences",
            field=models.PositiveSmallIntegerField(default=1, editable=False, help_text=HELP),
        ),
        migrations.RunPython(count_occurrences, migrations.RunPython.noop),
    ]
