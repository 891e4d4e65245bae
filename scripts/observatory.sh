#!/usr/bin/env bash
# The MDN HTTP Observatory (npm @mdn/mdn-http-observatory) against this site
# served as in production: DEBUG off, no KZ_LOCAL_HTTP, gunicorn with TLS on
# 127.0.0.1 (a throwaway self-signed certificate, trusted by the scanner only),
# a throwaway SQLite database with the launch content, hashed static files.
#
# Scans a public page (an article), the admin login, a 404 and a static file,
# prints each test and score, and exits 1 if any score is under MIN_SCORE
# (default 120) or any test fails. No plain-HTTP listener is started, so the
# redirection test reads "not needed" (Django's HTTPS redirect is covered by
# tests/security/test_https.py).
#
# usage: scripts/observatory.sh        (or: make observatory)
# env:   OBSERVATORY_PORT (default 18443), OBSERVATORY_DIR (npm cache, default var/observatory)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${OBSERVATORY_PORT:-18443}
HTTP_PORT=$((PORT + 1))  # nothing listens there: the scanner's plain-HTTP probe finds no server
OBS_DIR=${OBSERVATORY_DIR:-$ROOT/var/observatory}
PKG=$OBS_DIR/node_modules/@mdn/mdn-http-observatory
WORK=$(mktemp -d /tmp/kz-observatory.XXXXXX)
GUNICORN_PID=""
cleanup() {
  if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -f "$PKG/package.json" ]; then
  echo "Installing @mdn/mdn-http-observatory into $OBS_DIR"
  mkdir -p "$OBS_DIR"
  # --ignore-scripts: its post-install step downloads a CA bundle from a web site;
  # the scan of our own self-signed server does not need it.
  npm install --prefix "$OBS_DIR" --ignore-scripts --no-audit --no-fund --silent @mdn/mdn-http-observatory@1.4.8
fi
# The HSTS preload list is fetched by an npm script we skip; 127.0.0.1 is on no
# preload list, so an empty one gives the same answer.
[ -f "$PKG/conf/hsts-preload.json" ] || echo '{}' > "$PKG/conf/hsts-preload.json"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

# Production settings: nothing opted in or out.
unset DEBUG KZ_LOCAL_HTTP KZ_BEHIND_PROXY KZ_SECRET_KEY_FILE DATABASE_URL REDIS_URL KZ_MANIFEST_STATIC
SECRET_KEY=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY ALLOWED_HOSTS=127.0.0.1 SQLITE_PATH=$WORK/db.sqlite3 DJANGO_SETTINGS_MODULE=kzportal.settings

.venv/bin/python manage.py migrate --noinput --verbosity 0
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py load_launch_content --verbosity 0
ARTICLE=$(.venv/bin/python manage.py shell --verbosity 0 -c \
  "from articles.models import Article; print(Article.objects.published().order_by('pk').first().get_absolute_url())")
STATIC=$(.venv/bin/python manage.py shell --verbosity 0 -c \
  "from django.templatetags.static import static; print(static('css/site.css'))")

.venv/bin/gunicorn kzportal.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
  --certfile "$WORK/cert.pem" --keyfile "$WORK/key.pem" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 1 50); do
  curl -ks -o /dev/null "https://127.0.0.1:$PORT/robots.txt" && break
  sleep 0.2
done

NODE_EXTRA_CA_CERTS="$WORK/cert.pem" node scripts/observatory.mjs "$PKG" 127.0.0.1 "$PORT" "$HTTP_PORT" \
  "$ARTICLE" /admin/login/ /no-such-page/ "$STATIC"
