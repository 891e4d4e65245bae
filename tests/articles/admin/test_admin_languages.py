"""The admin speaks the editor's language: with a browser asking for Russian or Kazakh,
our own labels, help texts, action names and the citation review panel are translated
(the admin is not language-prefixed; it follows Accept-Language), and none of the
English originals of those strings is left on the page."""

import pytest
from django.urls import reverse

from articles import publishing
from articles.models import ArticleActor, Citation
from tests.support.admin_forms import form_data
from tests.support.factories import (
    ActorFactory,
    ActorRelationFactory,
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    CommentFactory,
    EventFactory,
)

pytestmark = pytest.mark.django_db

# Per page: strings of ours that must appear translated, then their English originals,
# which must not appear at all.
EXPECTED = {
    "ru": {
        "index": [
            "Панель редакторов",
            "Модерация комментариев",
            "Ваша учётная запись",
            "Редакционные материалы",
            "<strong>1</strong> комментарий ждёт модерации",
            "<strong>1</strong> цитата требует проверки",
        ],
        "changelist": ["Отправить выбранные черновики на проверку", "Комментарии на модерации", "Опубликовано"],
        "add": [
            "Веб-адрес статьи; не меняйте его после публикации.",
            "Подпись (по порядку)",
            "Перекрёстные ссылки",
            "Снимите отметку, чтобы закрыть статью для новых комментариев читателей.",
        ],
        "citation": [
            "Ближайший фрагмент в нынешнем тексте",
            "Использовать этот фрагмент",
            "Абзац p3, сходство 100.0%.",
            "Позиция статьи по отношению к утверждению.",
        ],
    },
    "kk": {
        "index": [
            "Редакторлар тақтасы",
            "Пікірлерді модерациялау",
            "Сіздің тіркелгіңіз",
            "Редакциялық материалдар",
            "<strong>1</strong> пікір модерацияны күтуде",
            "<strong>1</strong> дәйексөз тексеруді қажет етеді",
        ],
        "changelist": ["Таңдалған жобаларды тексеруге жіберу", "Модерациядағы пікірлер", "Жарияланған"],
        "add": [
            "Мақаланың веб-мекенжайы; жарияланғаннан кейін оны өзгертпеңіз.",
            "Қолтаңба (ретімен)",
            "Өзара сілтемелер",
            "Мақалаға оқырмандардың жаңа пікірлерін жабу үшін белгіні алып тастаңыз.",
        ],
        "citation": [
            "Қазіргі мәтіндегі ең жақын үзінді",
            "Осы үзіндіні пайдалану",
            "p3 абзац, ұқсастығы 100.0%.",
            "Мақаланың мәлімдемеге қатысты ұстанымы.",
        ],
    },
}
ENGLISH = {
    "index": [
        "Editors’ dashboard",
        "Comment moderation",
        "Your account",
        "Editorial content",
        "awaiting moderation",
        "need review",
        "Two-factor login",
    ],
    "changelist": ["Send selected drafts to review", "Pending comments", ">Live<"],
    "add": [
        "The article&#x27;s web address",
        "Byline (in order)",
        "Cross-links",
        "Untick to close this article",
        "Corrections and updates",
    ],
    "citation": [
        "Closest passage in the current text",
        "Use this passage",
        "similar.",
        "The article&#x27;s position toward the claim.",
        "Copy the passage as readers see it",
    ],
}


@pytest.fixture
def citation_needing_review():
    """A citation whose words left paragraph 1 but remain, word for word, in paragraph 3."""
    body = "Alpha said the troops would leave soon.\n\nMiddle.\n\nBeta said the troops would leave soon, and left."
    article = ArticleFactory(published=True, body=body)
    citation = CitationFactory(article=article, quote="the troops would leave", claim=ClaimFactory())
    article.body = body.replace("Alpha said the troops would leave soon", "Alpha said the troops stay")
    publishing.save_article(article=article)
    citation.refresh_from_db()
    assert citation.needs_review
    CommentFactory(article=article)
    return citation


def pages(client, language, citation):
    urls = {
        "index": reverse("admin:index"),
        "changelist": reverse("admin:articles_article_changelist"),
        "add": reverse("admin:articles_article_add"),
        "citation": reverse("admin:articles_citation_change", args=[citation.pk]),
    }
    for page, url in urls.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()[:500], url
        yield page, response.content.decode()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_an_editor_whose_browser_asks_for_russian_or_kazakh_gets_our_admin_strings_translated(
    editor_client, citation_needing_review, language
):
    for page, html in pages(editor_client, language, citation_needing_review):
        missing = [text for text in EXPECTED[language][page] if text not in html]
        assert missing == [], f"{language} {page}: not translated"
        left_in_english = [text for text in ENGLISH[page] if text in html]
        assert left_in_english == [], f"{language} {page}: English left"


def test_the_same_pages_stay_english_for_an_english_browser(editor_client, citation_needing_review):
    for page, html in pages(editor_client, "en", citation_needing_review):
        assert [text for text in ENGLISH[page] if text.strip("><") in html] != [], page
        assert not any(text in html for text in EXPECTED["ru"][page] + EXPECTED["kk"][page]), page


def test_a_closest_passage_message_is_given_in_the_editors_language(editor_client, citation_needing_review):
    response = editor_client.post(
        reverse("admin:articles_citation_use_closest", args=[citation_needing_review.pk]),
        HTTP_ACCEPT_LANGUAGE="ru",
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Теперь цитата гласит «the troops would leave" in html
    assert "» и снова показывается читателям." in html
    assert not Citation.objects.get(pk=citation_needing_review.pk).needs_review


def test_an_editor_working_in_russian_saves_what_an_english_editor_would(
    editor_client, django_capture_on_commit_callbacks
):
    """The interface is Russian; the data is not: an article saved from the Russian
    admin still finds its actors by their English names (the article is English),
    and renaming an actor's English name there recounts its mentions."""
    actor = ActorFactory(name="Kazakhstan", name_ru="Казахстан", name_kk="Қазақстан")
    article = ArticleFactory(body="The CSTO answered a request for help.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(editor_client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode(), "article_form")
    data["body"] = "Kazakhstan asked the CSTO for help. Kazakhstan got it."
    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302, response.content.decode()[:2000]
    row = ArticleActor.objects.get(article=article, actor=actor)
    assert (row.origin, row.mentions) == (ArticleActor.Origin.DETECTED, 2)

    actor_url = reverse("admin:actors_actor_change", args=[actor.pk])
    data = form_data(editor_client.get(actor_url, HTTP_ACCEPT_LANGUAGE="ru").content.decode(), "actor_form")
    data["name_en"] = "Republic of Kazakhstan"
    with django_capture_on_commit_callbacks(execute=True):  # the recount is queued on commit
        response = editor_client.post(actor_url, data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302, response.content.decode()[:2000]
    actor.refresh_from_db()
    assert (actor.name_en, actor.name_ru) == ("Republic of Kazakhstan", "Казахстан")
    assert not ArticleActor.objects.filter(article=article, actor=actor, mentions__gt=0).exists()


# Model names and field labels come from the models' verbose names: the admin index's
# model list, the changelist's title and column headings, the add form's labels.
MODEL_PAGES = {
    "ru": {
        "index": ["Статьи", "События", "Участники", "Связи участников", "Заявления", "Цитаты", "Метки источников"],
        "changelist": [
            "<h1>Выберите статья для изменения</h1>",
            ">Заголовок<",
            ">Издание<",
            ">Статус<",
            ">Показывается с<",
            ">Обновлено<",
        ],
        "add": [
            "<h1>Добавить статья</h1>",
            ">Заголовок:<",
            ">Статус:<",
            "Показывается с:",
            ">Лид:<",
            ">Примечание редакции:<",
            ">Комментарии открыты<",
        ],
    },
    "kk": {
        "index": ["Мақалалар", "Оқиғалар", "Қатысушылар", "Қатысушылар байланыстары", "Мәлімдемелер", "Дәйексөздер"],
        "changelist": [
            "<h1>мақала өзгерту үщін таңда</h1>",
            ">Тақырыбы<",
            ">Басылым<",
            ">Мәртебесі<",
            ">Жариялану уақыты<",
            ">Жаңартылған уақыты<",
        ],
        "add": [
            "<h1>мақала қосу</h1>",
            ">Тақырыбы:<",
            ">Мәртебесі:<",
            "Жариялану уақыты:",
            ">Лид:<",
            ">Редакция ескертпесі:<",
            ">Пікірлер ашық<",
        ],
    },
}
MODEL_PAGES_ENGLISH = {
    "index": [">Articles<", ">Events<", ">Actors<", ">Actor relations<", ">Claims<", ">Citations<", ">Source markers<"],
    "changelist": ["Select article to change", ">Title<", ">Publication<", ">Status<", ">Live from<", ">Updated at<"],
    "add": ["Add article", ">Title:<", ">Status:<", "Live from:", ">Standfirst:<", ">Editorial note:<", ">Comments open<"],
}


def model_pages(client, language):
    ArticleFactory(published=True)
    for page, url in [
        ("index", reverse("admin:index")),
        ("changelist", reverse("admin:articles_article_changelist")),
        ("add", reverse("admin:articles_article_add")),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        yield page, response.content.decode()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_model_names_column_headings_and_field_labels_are_in_the_editors_language(editor_client, language):
    for page, html in model_pages(editor_client, language):
        missing = [text for text in MODEL_PAGES[language][page] if text not in html]
        assert missing == [], f"{language} {page}: not translated"
        left_in_english = [text for text in MODEL_PAGES_ENGLISH[page] if text in html]
        assert left_in_english == [], f"{language} {page}: English left"


def test_model_names_and_field_labels_read_as_before_in_english(editor_client):
    for page, html in model_pages(editor_client, "en"):
        missing = [text for text in MODEL_PAGES_ENGLISH[page] if text not in html]
        assert missing == [], f"en {page}: label changed"


@pytest.mark.parametrize(
    "admin_name, make, query",
    [
        ("articles_event", lambda: EventFactory(title="Bloody January", title_ru="Кровавый январь"), "Bloody January"),
        ("articles_event", lambda: EventFactory(title="Bloody January", title_ru="Кровавый январь"), "Кровавый январь"),
        ("articles_event", lambda: EventFactory(description="Troops arrived in Almaty."), "arrived in Almaty"),
        (
            "articles_citation",
            lambda: CitationFactory(
                claim=ClaimFactory(statement="The CSTO mission is temporary", statement_ru="Миссия ОДКБ временная")
            ),
            "Миссия ОДКБ",
        ),
        (
            "actors_actorrelation",
            lambda: ActorRelationFactory(subject=ActorFactory(name="Kazakhstan", name_ru="Казахстан")),
            "Казахстан",
        ),
        (
            "articles_claim",
            lambda: ClaimFactory(claimant_actor=ActorFactory(name="Kassym-Jomart Tokayev", name_ru="Касым-Жомарт Токаев")),
            "Tokayev",
        ),
    ],
)
def test_an_editor_working_in_russian_finds_translated_objects_by_any_language(editor_client, admin_name, make, query):
    """A plain translated name in search_fields searches one column only: the active
    language's on a translated model, the English one through a relation from an
    untranslated model (citations, relations), so each search lists every language."""
    target = make()
    response = editor_client.get(
        reverse(f"admin:{admin_name}_changelist"), {"q": query}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 200
    assert [obj.pk for obj in response.context["cl"].result_list] == [target.pk]
