"""``/data/``: the latest dump with its licence and checksum, and the files themselves."""

import hashlib

import pytest

from articles import publishing
from articles.opendata import export, tasks
from tests.support.factories import ArticleFactory, ready_article
from tests.support.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.KZ_DATA_DIR = tmp_path / "data"
    return settings.KZ_DATA_DIR


def test_before_any_dump_the_page_says_so_and_points_at_the_api(client, data_dir):
    page = text(client.get("/data/"))
    assert "No dump has been made yet" in page
    assert "/api/v1/docs/" in client.get("/data/").content.decode()
    assert client.get("/data/latest.zip").status_code == 404


def test_the_page_offers_the_latest_dump_with_its_licence_and_checksum(client, data_dir):
    ArticleFactory(published=True)
    dump = export.export_dataset()
    response = client.get("/data/")
    page = text(response)
    assert dump.sha256 in page and "Creative Commons Attribution 4.0" in page
    assert f'href="/data/{dump.name}.zip"' in response.content.decode()
    latest = client.get("/data/latest.zip")
    assert latest.status_code == 302 and latest["Location"] == f"/data/{dump.name}.zip"
    download = client.get(f"/data/{dump.name}.zip")
    body = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/zip"
    assert hashlib.sha256(body).hexdigest() == dump.sha256
    checksum = client.get(f"/data/{dump.name}.zip.sha256")
    assert b"".join(checksum.streaming_content).decode().startswith(dump.sha256)


@pytest.mark.parametrize("name", ["latest.json", "..%2Fdb.sqlite3", "kzportal-data-x.zip", ".staging-1"])
def test_nothing_else_in_the_data_directory_is_served(client, data_dir, name):
    export.export_dataset()
    assert client.get(f"/data/{name}").status_code == 404


def test_publishing_queues_one_rebuild_for_a_burst_and_the_task_writes_the_dump(data_dir, django_capture_on_commit_callbacks):
    from huey.contrib.djhuey import HUEY

    def queued():
        return [task for task in HUEY.scheduled() if isinstance(task, tasks.rebuild_dump.task_class)]

    before = len(queued())
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            publishing.publish_article(article=ready_article(), by=None)
    assert len(queued()) == before + 1, "a burst of publishing queues one rebuild, a few minutes later"
    name = tasks.rebuild_dump.call_local()
    assert export.latest()["name"] == name


def test_an_editors_change_form_edit_of_a_published_piece_queues_a_rebuild(
    data_dir, editor_client, django_capture_on_commit_callbacks
):
    from huey.contrib.djhuey import HUEY

    from tests.support.citations import change_form

    def queued():
        return [task for task in HUEY.scheduled() if isinstance(task, tasks.rebuild_dump.task_class)]

    article = ready_article(published=True)
    url, data = change_form(editor_client, article)
    before = len(queued())
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {**data, "title": "A corrected headline"})
    assert response.status_code == 302
    assert len(queued()) == before + 1, "the dump would keep the old headline until the next publishing"


def test_the_page_reads_the_dump_description_not_the_database(client, data_dir, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/data/").status_code == 200
    ArticleFactory.create_batch(3, published=True)
    export.export_dataset()
    with django_assert_num_queries(0):
        assert client.get("/data/").status_code == 200
