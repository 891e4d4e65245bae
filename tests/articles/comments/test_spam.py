"""Spam signals (articles/comments/spam.py): links and blocklist terms flag, never refuse."""


import pytest

from articles.comments.spam import count_links
from articles.models import BlocklistTerm, Comment
from tests.support.comments import post_comment
from tests.support.factories import ArticleFactory


@pytest.mark.parametrize(
    "text",
    [
        "Source: https://www.bbc.co.uk/news/world-asia-59884933",
        "See http://www.example.org.",
        '<a href="https://example.org/report">the report</a>',
        "[url=http://example.org]report[/url]",
        "[url]http://example.org[/url]",
        "www.example.org/page",
    ],
)
def test_one_link_counts_once(text):
    assert count_links(text) == 1


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Buy at http://a.example and www.b.example now", 2),
        ("https://www.a.example https://www.b.example", 2),
        ('<a href="http://a.example">a</a> <a href="http://b.example">b</a>', 2),
        ("[url=http://a.example]a[/url] [url=http://b.example]b[/url] http://c.example", 3),
        ("No links here, just www and http as words.", 0),
    ],
)
def test_several_links_are_each_counted(text, links):
    assert count_links(text) == links


@pytest.mark.django_db
def test_a_single_www_link_is_no_spam_signal(client):
    from articles.models import Comment
    from tests.support.comments import post_comment
    from tests.support.factories import ArticleFactory

    article = ArticleFactory(published=True)
    post_comment(client, article, body="The BBC reported it: https://www.bbc.co.uk/news/world-asia-59884933")
    assert Comment.objects.get().spam_reasons == ""


@pytest.fixture
def article():
    return ArticleFactory(published=True)


@pytest.mark.django_db
def test_two_links_flag_the_comment_but_it_is_kept_pending(client, article):
    post_comment(client, article, body="Buy at http://a.example and www.b.example now")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "2 links" in comment.spam_reasons


@pytest.mark.django_db
def test_blocklist_terms_flag_case_insensitively(client, article):
    BlocklistTerm.objects.create(term="Crypto Casino")
    post_comment(client, article, body="Visit our CRYPTO casino today")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "blocklist: Crypto Casino" in comment.spam_reasons


@pytest.mark.django_db
def test_a_blocklist_term_in_the_name_flags_too(client, article):
    BlocklistTerm.objects.create(term="viagra")
    post_comment(client, article, name="Cheap VIAGRA")
    assert "blocklist" in Comment.objects.get().spam_reasons
