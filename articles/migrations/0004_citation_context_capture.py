"""Capture the context (text before and after the quote) of every existing citation,
keeping the paragraph it is anchored to today; a citation whose words are no longer
in the text is marked as needing review instead of pointing at the wrong passage."""

from django.db import migrations

from articles.rendering import anchoring


def capture_context(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Contribution = apps.get_model("articles", "Contribution")
    Citation = apps.get_model("articles", "Citation")
    fields = ["anchor", "position", "prefix", "suffix", "needs_review"]
    for article in Article.objects.filter(pk__in=Citation.objects.values("article")).iterator():
        contributions = Contribution.objects.filter(article=article).order_by("order").values_list("order", "body_html")
        document = anchoring.Document([("", article.body_html)] + [(f"c{o}-", html) for o, html in contributions])
        citations = list(Citation.objects.filter(article=article))
        for citation in citations:
            # The current anchor breaks ties, so repeated phrases keep today's paragraph.
            match = anchoring.find(document, citation.quote, anchor=citation.anchor)
            if match is None:
                citation.anchor, citation.needs_review = "", True
            else:
                citation.anchor, citation.position = match.anchor, match.position
                citation.prefix, citation.suffix = match.prefix[-200:], match.suffix[:200]
                citation.needs_review = False
        Citation.objects.bulk_update(citations, fields)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_citation_context_and_review")]

    operations = [migrations.RunPython(capture_context, migrations.RunPython.noop)]
