# Indexes for page queries whose work grew with the number of articles (issue 15).

from django.db import migrations, models


def refresh_sqlite_statistics(apps, schema_editor):
    """SQLite uses a new index only once ANALYZE has described it (until then it reads each
    article's row by key); the hourly task would, but a site upgraded now should not wait.
    Skipped on an empty database (a new site, the tests), where there is nothing to describe."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute('SELECT 1 FROM "articles_article" LIMIT 1')
        if cursor.fetchone():
            cursor.execute("ANALYZE")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_verbose_names'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['id', 'status', 'live_from', 'published_on'], name='article_published_by_key'),
        ),
        migrations.RemoveIndex(model_name='article', name='article_pub_date'),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(
                fields=['publication', 'status', 'published_on', 'live_from', 'id'], name='article_pub_date_order'
            ),
        ),
        migrations.AddIndex(
            model_name='themeditem',
            index=models.Index(fields=['tag', 'content_type', 'object_id'], name='themeditem_tag_objects'),
        ),
        migrations.AddIndex(
            model_name='articleactor',
            index=models.Index(fields=['actor', 'origin', 'article'], name='articleactor_actor_articles'),
        ),
        migrations.RunPython(refresh_sqlite_statistics, migrations.RunPython.noop, elidable=True),
    ]
