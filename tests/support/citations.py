"""An article body with one quoted sentence, and the steps tests take to cite it and
edit it: through the write path (``edit_body``) or the admin's change form."""

from django.urls import reverse

from articles import publishing
from articles.models import Citation
from tests.support.admin_forms import form_data
from tests.support.factories import CitationFactory, ClaimFactory

BODY = (
    "Opening words about the region.\n\n"
    "Tokayev asked the CSTO for help on 5 January.\n\n"
    "Russia sent paratroopers within hours.\n\n"
    "Closing thoughts on the balance of power."
)
QUOTE = "Russia sent paratroopers within hours."


def cite(article, quote=QUOTE, **kwargs):
    return CitationFactory(article=article, quote=quote, claim=ClaimFactory(), **kwargs)


def change_form(client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return url, form_data(client.get(url).content.decode(), "article_form")


def edit_body(article, body):
    article.body = body
    publishing.save_article(article=article)
    return Citation.objects.filter(article=article).order_by("pk")
