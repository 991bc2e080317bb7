#!/usr/bin/env bash
# Run sqlmap against a throwaway local copy of the app: the sign-in form and the client search.
#
# Not run by CI. Installs sqlmap from PyPI into a temporary virtualenv, serves the app on
# 127.0.0.1 only (DEBUG demo data in a temporary SQLite file), and stops after TIME_LIMIT
# seconds per target. Record the outcome in SECURITY.md.
#
#   scripts/attack.sh            # defaults: port 8765, 900 s per target, level 2 / risk 1
#   LEVEL=3 RISK=2 TIME_LIMIT=1200 scripts/attack.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-8765}"
TIME_LIMIT="${TIME_LIMIT:-900}"
LEVEL="${LEVEL:-2}"
RISK="${RISK:-1}"
WORK="$(mktemp -d /tmp/ipt-attack.XXXXXX)"
PY="$ROOT/.venv/bin/python"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== sqlmap into $WORK/venv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet sqlmap
SQLMAP="$WORK/venv/bin/sqlmap"

# A throwaway copy: DEBUG demo data in its own SQLite file; lockout raised so sqlmap's many
# sign-in attempts reach the form instead of the lockout page.
export DEBUG=true
export DATABASE_URL="sqlite:///$WORK/attack.sqlite3"
export SECRET_KEY="attack-run-only-$(date +%s)-not-a-real-key"
export ALLOWED_HOSTS="127.0.0.1"
export AXES_FAILURE_LIMIT=1000000
# The copy hashes passwords with a fast hasher: PBKDF2's deliberate cost would make sqlmap's
# thousands of sign-in attempts take hours, and hashing has nothing to do with SQL injection.
cat >"$WORK/attack_settings.py" <<'PY'
from ipt_site.settings import *  # noqa: F403
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PY
export PYTHONPATH="$WORK${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE=attack_settings
cd "$ROOT"
"$PY" manage.py migrate --noinput >/dev/null
"$PY" manage.py seed_demo >/dev/null

# A signed-in session for the demo therapist (demo users skip the second step in DEBUG only).
COOKIE="$("$PY" manage.py shell -v 0 -c '
from django.test import Client
from accounts.models import User
c = Client()
c.force_login(User.objects.get(username="therapist1"))
print(c.cookies["sessionid"].value)
' | tail -n 1)"

"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$BASE/accounts/login/" 2>/dev/null && break; sleep 0.2; done

# The search must be reached signed in (200), not bounced to sign-in, or the test is empty.
status_code="$(curl -s -o /dev/null -w '%{http_code}' -b "sessionid=$COOKIE" "$BASE/clients/?q=reyes")"
if [ "$status_code" != "200" ]; then
  echo "The signed-in search answered $status_code, not 200: not attacking an empty target." >&2
  exit 2
fi
echo "== signed-in search reachable (HTTP $status_code); sqlmap $("$SQLMAP" --version 2>/dev/null | tail -1)"

COMMON=(--batch --level "$LEVEL" --risk "$RISK" --flush-session --disable-coloring
        --output-dir "$WORK/out" --timeout 10 --retries 1 --threads 1)

echo "== sqlmap: sign-in form (username, password)"
timeout "$TIME_LIMIT" "$SQLMAP" -u "$BASE/accounts/login/" \
  --data "csrfmiddlewaretoken=x&username=therapist1&password=guess" -p "username,password" \
  --csrf-token csrfmiddlewaretoken --csrf-url "$BASE/accounts/login/" \
  "${COMMON[@]}" 2>&1 | tee "$WORK/login.txt" | grep -E "injectable|WARNING|CRITICAL|\[INFO\] testing '" | tail -40 || true

echo "== sqlmap: client search (GET q), signed in"
timeout "$TIME_LIMIT" "$SQLMAP" -u "$BASE/clients/?q=reyes" -p q --cookie "sessionid=$COOKIE" \
  "${COMMON[@]}" 2>&1 | tee "$WORK/search.txt" | grep -E "injectable|WARNING|CRITICAL|\[INFO\] testing '" | tail -40 || true

echo
echo "== Summary"
for target in login search; do
  if grep -q "is vulnerable\|sqlmap identified the following injection point" "$WORK/$target.txt"; then
    echo "$target: INJECTION FOUND (see output above)"; status=1
  elif grep -q "do not appear to be injectable\|does not seem to be injectable" "$WORK/$target.txt"; then
    echo "$target: no injection found"
  else
    echo "$target: inconclusive (timed out or could not test)"
  fi
done
exit "${status:-0}"
