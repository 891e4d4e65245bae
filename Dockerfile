# kzportal app image: the same process layout as deploy/systemd, one process per container
# (compose.yaml runs it as web servers, the task worker and one-off migrate/backup commands).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 PORT=8000 LOG_FORMAT=json

# pg_dump/pg_restore for manage.py backup/restore against PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /srv/kzportal kzportal

WORKDIR /srv/kzportal
COPY requirements.txt .
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt
COPY . .
# Static files are built into the image (hashed names); nginx or WhiteNoise serves them.
# collectstatic loads the production settings, which refuse a key under 50 characters:
# this one exists only during the build and signs nothing (the containers get SECRET_KEY).
RUN SECRET_KEY=image-build-only-collectstatic-key-never-used-to-serve-0123456789 \
    .venv/bin/python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p var/backups var/data media && chown -R kzportal:kzportal var media

USER kzportal
ENV PATH=/srv/kzportal/.venv/bin:$PATH
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["gunicorn", "--config", "kzportal/gunicorn.conf.py"]
