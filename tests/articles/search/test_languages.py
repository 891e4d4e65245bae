"""Search in every language (articles/search): PostgreSQL stems Russian text with its
``russian`` configuration and matches Kazakh with ``simple`` (there is no Kazakh
stemmer), English keeping ``kzsearch``; a query is read with all three. SQLite's
FTS5 stems English only: an inflected Russian word is found there through the
typo correction, which the page names."""

import os

import pytest
from django.db import connection

from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only (set DATABASE_URL)"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


@pytest.fixture
def claim():
    claim = ClaimFactory(
        statement="A rise in fuel prices on 2 January triggered the protests.",
        statement_ru="Рост цен на топливо 2 января спровоцировал протесты.",
        statement_kk="2 қаңтардағы жанармай бағасының өсуі наразылықтарды тудырды.",
        claimant_actor=None,
    )
    CitationFactory(claim=claim, article=ArticleFactory(published=True, title="Fuel and anger"))
    return claim


def found(client, url, query):
    results = client.get(url, {"q": query}).context["results"]
    return results.claims, results.corrected_query


@on_postgres
def test_postgres_stores_russian_text_stemmed_kazakh_as_written_and_english_as_before(claim):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document::text FROM articles_searchentry WHERE kind = 'claim' AND key = %s", [claim.pk]
        )
        (document,) = cursor.fetchone()
    lexemes = {part.split(":")[0].strip("'") for part in document.split()}
    assert {"протест", "спровоцирова", "топлив"} <= lexemes  # russian: "протесты" -> протест
    assert "протесты" not in lexemes
    assert {"наразылықтарды", "жанармай"} <= lexemes  # simple: Kazakh words as written, lower-cased
    assert {"protest", "trigger", "fuel"} <= lexemes  # kzsearch: English stems as before


@on_postgres
def test_on_postgres_a_russian_query_finds_another_form_of_the_word_with_no_correction(client, claim):
    assert found(client, "/ru/search/", "протестах") == ([claim], "")
    assert found(client, "/ru/search/", "спровоцировали протесты") == ([claim], "")
    # Readers of the other languages search the same text.
    assert found(client, "/search/", "протестами") == ([claim], "")
    assert found(client, "/kk/search/", "наразылықтарды") == ([claim], "")
    assert found(client, "/ru/search/", "protest fuel") == ([claim], "")  # English as before


def test_russian_and_kazakh_words_as_written_find_the_claim_on_every_database(client, claim):
    assert found(client, "/ru/search/", "протесты") == ([claim], "")
    assert found(client, "/kk/search/", "жанармай наразылықтарды") == ([claim], "")
    # Function words are not required: "и" appears in no indexed Russian text.
    assert found(client, "/ru/search/", "протесты и топливо") == ([claim], "")


@on_sqlite
def test_on_sqlite_an_inflected_russian_word_is_found_through_the_correction_the_page_names(client, claim):
    claims, corrected = found(client, "/ru/search/", "протестах")
    assert claims == [claim] and corrected  # "Showing results for …": SQLite has no Russian stemmer
