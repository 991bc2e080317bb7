#!/bin/bash
# `ab -c 8` against two gunicorn workers on the scale database, production settings:
# the floor page, a course page and the supervisor's dashboard, in requests per second.
# Usage: scripts/load_test.sh [database name, default ipt_scale] [requests, default 400]
# Needs ab (apache2-utils). Writes audit rows and sessions: never run it on live data.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=${1:-ipt_scale}
N=${2:-400}
export PYTHONPATH="$ROOT/scripts:$ROOT" DJANGO_SETTINGS_MODULE=loadtest_settings
export DATABASE_URL=${DATABASE_URL:-postgres://ipt:ipt@127.0.0.1:5432/$DB}
# The key seed_scale and make benchmark (tests.settings) use, so the audit rows written here
# are chained with the same key and `verify_audit` still passes on the scale data.
export SECRET_KEY=test-only-secret-key-not-for-production-0123456789abcdef ALLOWED_HOSTS=127.0.0.1
export DEBUG=false SECURE_SSL_REDIRECT=false
cd "$ROOT"
.venv/bin/python manage.py collectstatic --noinput -v0
read -r NAME THERAPIST SUPERVISOR COURSE < <(.venv/bin/python scripts/loadtest_cookies.py 2>/dev/null | tail -1)
.venv/bin/gunicorn -c gunicorn.conf.py --workers 2 --bind 127.0.0.1:8411 \
    --pid /tmp/ipt-loadtest.pid >/tmp/ipt-loadtest.log 2>&1 &
trap 'kill "$(cat /tmp/ipt-loadtest.pid)" 2>/dev/null || true' EXIT
sleep 6
run() {  # name, session id, path
    ab -q -c 8 -n 40 -C "$NAME=$2" "http://127.0.0.1:8411$3" >/dev/null 2>&1
    ab -c 8 -n "$N" -C "$NAME=$2" "http://127.0.0.1:8411$3" 2>/dev/null | awk -v n="$1" '
        /Requests per second/ {rps = $4} /Non-2xx/ {bad = $3} /Failed requests/ {failed = $3}
        END {printf "%-10s %8s req/s  failed=%s non-2xx=%s\n", n, rps, failed, bad + 0}'
}
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
run floor "$THERAPIST" /benchmark-floor/
run course "$THERAPIST" "/courses/$COURSE/"
run dashboard "$SUPERVISOR" /supervision/
run floor "$THERAPIST" /benchmark-floor/
