"""Images (articles/images): validation of uploads, renditions with srcset, og:image and
JSON-LD image, the generated social card, portraits and actor images on their pages."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.forms import modelform_factory
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.images import processing
from articles.images.models import ActorImage, ArticleImage, AuthorPortrait
from tests.support.factories import ActorFactory, ArticleFactory, AuthorFactory
from tests.support.pages import jsonld_blocks

pytestmark = pytest.mark.django_db

CREDITS = {"alt": "Protesters on Republic Square", "caption": "Almaty, 5 January 2022", "credit": "Photo: A. Name / CC BY 4.0"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(width=2000, height=1000, kind="JPEG", mode="RGB", name=None):
    buffer = io.BytesIO()
    Image.new(mode, (width, height), (120, 40, 40) if mode == "RGB" else None).save(buffer, kind)
    return SimpleUploadedFile(name or f"photo.{kind.lower()}", buffer.getvalue(), content_type=f"image/{kind.lower()}")


ImageForm = modelform_factory(ArticleImage, fields=["article", "image", "alt", "caption", "credit"])


def form_errors(upload, **fields):
    article = ArticleFactory(published=True)
    form = ImageForm({"article": article.pk, **CREDITS, **fields}, {"image": upload} if upload else {})
    form.is_valid()
    return form.errors


def test_a_valid_image_with_its_texts_is_accepted():
    assert form_errors(picture()) == {}


@pytest.mark.parametrize("field", ["alt", "caption", "credit"])
def test_alt_text_caption_and_credit_are_required_with_an_image(field):
    errors = form_errors(picture(), **{field: "  "})
    assert field in errors


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name():
    errors = form_errors(SimpleUploadedFile("photo.jpg", b"<?php echo 'hi'; ?>" * 50, content_type="image/jpeg"))
    assert "image" in errors and ("JPEG, PNG or WebP" in str(errors) or "valid image" in str(errors))


def test_an_image_of_another_type_is_refused():
    errors = form_errors(picture(kind="GIF", mode="P"))
    assert "JPEG, PNG or WebP" in str(errors["image"])


def test_an_oversized_or_tiny_image_is_refused(monkeypatch):
    monkeypatch.setattr(processing, "MAX_BYTES", 5000)
    noisy = Image.effect_noise((800, 800), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)
    errors = form_errors(SimpleUploadedFile("big.jpg", buffer.getvalue(), content_type="image/jpeg"))
    assert "at most" in str(errors["image"])
    monkeypatch.setattr(processing, "MAX_BYTES", 8 * 1024 * 1024)
    assert "at least 200 pixels wide" in str(form_errors(picture(120, 80))["image"])


def test_renditions_are_made_on_upload_at_each_width_below_the_original(media):
    article = ArticleFactory(published=True)
    image = ArticleImage(article=article, image=picture(2000, 1000), **CREDITS)
    image.full_clean()
    image.save()
    image.refresh_from_db()
    assert [r["width"] for r in image.renditions] == [320, 640, 960, 1280, 1600]
    assert (image.width, image.height) == (2000, 1000)
    for rendition in image.renditions:
        with Image.open(media / rendition["name"]) as made:
            assert made.format == "JPEG" and made.size == (rendition["width"], rendition["width"] // 2)
    small = AuthorPortrait(author=AuthorFactory(), image=picture(500, 500, kind="PNG", mode="RGBA"), **CREDITS)
    small.save()
    assert [r["width"] for r in small.renditions] == [320, 500]
    # Saving again without a new file makes no new renditions.
    before = sorted(p.name for p in (media / "renditions").iterdir())
    small.caption = "New caption"
    small.save()
    assert sorted(p.name for p in (media / "renditions").iterdir()) == before


def test_the_article_page_shows_the_lead_image_with_srcset_og_image_and_jsonld(client):
    article = ArticleFactory(published=True, slug="piece")
    ArticleImage.objects.create(article=article, image=picture(), **CREDITS)
    response = client.get("/articles/piece/")
    html = response.content.decode()
    img = re.search(r'<figure class="lead-image">\s*<img ([^>]+)>', html).group(1)
    assert 'alt="Protesters on Republic Square"' in img
    assert re.search(r'srcset="/media/renditions/article-\d+-\w+-320w\.jpg 320w, .*1600w\.jpg 1600w"', img)
    assert "Almaty, 5 January 2022" in html and "Photo: A. Name / CC BY 4.0" in html
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og.startswith("http://testserver/media/renditions/") and og.endswith("1600w.jpg")
    assert client.get(og.replace("http://testserver", "")).status_code == 200
    article_ld = [block for block in jsonld_blocks(response) if block.get("@type") == "NewsArticle"][0]
    assert article_ld["image"] == [og]


def test_an_article_without_an_image_gets_a_generated_social_card(client):
    ArticleFactory(published=True, slug="piece", title="Қаңтар: what the January events changed")
    html = client.get("/articles/piece/").content.decode()
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og == "http://testserver/articles/piece/card.png"
    response = client.get("/articles/piece/card.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as card:
        assert card.size == (1200, 630) and card.format == "PNG"
    assert "<figure" not in html


def test_a_draft_has_no_card_for_readers(client):
    ArticleFactory(slug="draft")
    assert client.get("/articles/draft/card.png").status_code == 404


def test_the_article_page_takes_as_many_queries_with_an_image_as_without(client):
    ArticleFactory(published=True, slug="plain")
    ArticleImage.objects.create(article=ArticleFactory(published=True, slug="pictured"), image=picture(), **CREDITS)
    counts = []
    for url in ("/articles/plain/", "/articles/pictured/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_author_portraits_and_actor_images_show_on_their_pages(client):
    author, actor = AuthorFactory(slug="kizekova"), ActorFactory(slug="russia")
    AuthorPortrait.objects.create(author=author, image=picture(800, 800), **{**CREDITS, "alt": "Portrait of the author"})
    ActorImage.objects.create(actor=actor, image=picture(800, 600), **{**CREDITS, "alt": "Flag of Russia"})
    for url, alt in (("/authors/kizekova/", "Portrait of the author"), ("/actors/russia/", "Flag of Russia")):
        html = client.get(url).content.decode()
        assert re.search(rf'<img [^>]*srcset="[^"]+ 320w, [^"]+ 800w"[^>]*alt="{alt}"', html), url
        assert '<meta property="og:image" content="http://testserver/media/renditions/' in html, url


def test_editors_can_add_images_and_see_votes_and_subscribers(editor_client):
    article = ArticleFactory()
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "lead_image-TOTAL_FORMS" in html
    for url in ("/admin/newsletter/subscriber/", "/admin/newsletter/dispatch/", "/admin/ratings/vote/",
                "/admin/ratings/ratedarticle/"):
        assert editor_client.get(url).status_code == 200, url
    assert editor_client.get("/admin/newsletter/subscriber/add/").status_code == 403


def test_the_admin_offers_the_image_inlines(admin_client):
    article, author, actor = ArticleFactory(), AuthorFactory(), ActorFactory()
    for url in (f"/admin/articles/article/{article.pk}/change/", f"/admin/articles/author/{author.pk}/change/",
                f"/admin/actors/actor/{actor.pk}/change/"):
        html = admin_client.get(url).content.decode()
        assert 'enctype="multipart/form-data"' in html and "alt text" in html.lower(), url


def test_structured_data_is_still_valid_json(client):
    ArticleFactory(published=True, slug="piece")
    for block in jsonld_blocks(client.get("/articles/piece/")):
        json.dumps(block)
