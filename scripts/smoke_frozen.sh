#!/usr/bin/env bash
# Smoke test of the built (frozen) app: builds the one-folder bundle from installer.spec, then
# runs only the built programs on a fresh data folder:
#   1. qualitydesk-cli demo                  demo customers, tickets, returns, surveys, reports
#   2. QualityDesk --smoke-test (offscreen)  the window opens, paints and the program exits 0
#   3. qualitydesk-cli export 8d             an 8D report: pdftotext must show its Chinese
#   4. qualitydesk-cli export complaint-ledger   the ledger: openpyxl must open it, one row a ticket
#   5. with QUALITYDESK_TEST_PG_URL set (CI): the built CLI on a new PostgreSQL database
#      (migrations, psycopg, demo data, the 8D report), dropped afterwards
# The checks of the files run in the project's Python (uv); the app itself only as built.
# Options: --no-build (test the bundle already in build/dist). Needs pdftotext (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
[ "${1:-}" = "--no-build" ] && build=0
dist=build/dist
bundle="$dist/QualityDesk"
started=$SECONDS

if [ "$build" = 1 ]; then
  echo "== building the bundle (PyInstaller, installer.spec)"
  uv run --group build pyinstaller installer.spec --noconfirm --log-level WARN --distpath "$dist"
  echo "   built in $((SECONDS - started)) s: $(du -sh "$bundle" | cut -f1) in $bundle"
fi
for program in QualityDesk qualitydesk-cli; do
  [ -x "$bundle/$program" ] || { echo "smoke test: $bundle/$program is missing" >&2; exit 1; }
done
smoke_started=$SECONDS

work=$(mktemp -d "${TMPDIR:-/tmp}/qualitydesk-smoke.XXXXXX")
pg_database=""
cleanup() {
  if [ -n "$pg_database" ]; then
    uv run python - "$QUALITYDESK_TEST_PG_URL" "$pg_database" <<'PY' || true
import sys
import psycopg
url = sys.argv[1].replace("postgresql+psycopg://", "postgresql://")
with psycopg.connect(url, autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PY
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# the built programs see nothing of this PC's settings: their own config, data and cache folders
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/share" XDG_CACHE_HOME="$work/cache"
unset QUALITYDESK_DB_URL QUALITYDESK_DATA_DIR
data="$work/data"
cli() { "$bundle/qualitydesk-cli" --data-dir "$data" --lang zh_CN "$@"; }

echo "== 1. demo data through the built command line"
cli demo --customers 20 --complaints 8 --returns 4 --surveys 1
cli list complaints --json >"$work/complaints.json"
number=$(uv run python -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["number"])' "$work/complaints.json")
count=$(uv run python -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$work/complaints.json")
echo "   $count tickets, the first $number"

echo "== 2. the built window (offscreen): opens, paints, exits 0"
if ! QT_QPA_PLATFORM=offscreen "$bundle/QualityDesk" --data-dir "$data" --lang zh_CN --smoke-test \
  2>"$work/gui.log"; then
  cat "$work/gui.log" >&2
  echo "smoke test: the built window did not exit 0" >&2
  exit 1
fi
grep -q "the window is painted" "$work/gui.log" || {
  cat "$work/gui.log" >&2
  echo "smoke test: the built window did not report its paint" >&2
  exit 1
}
grep "QualityDesk smoke test" "$work/gui.log" | sed "s/^/   /"

echo "== 3. the 8D report of $number through the built command line"
cli export 8d "$number" -o "$work/8d.pdf"
pdftotext -enc UTF-8 "$work/8d.pdf" "$work/8d.txt"
for text in 客户抱怨处理单 "$number"; do
  grep -q "$text" "$work/8d.txt" || { echo "smoke test: the 8D PDF does not show $text" >&2; exit 1; }
done
echo "   $(stat -c %s "$work/8d.pdf") bytes, pdftotext shows 客户抱怨处理单 and $number"

echo "== 4. the complaint ledger through the built command line"
cli export complaint-ledger -o "$work/ledger.xlsx"
uv run python - "$work/ledger.xlsx" "$work/complaints.json" <<'PY'
import json
import sys

from openpyxl import load_workbook

path, listed = sys.argv[1], sys.argv[2]
numbers = {ticket["number"] for ticket in json.load(open(listed, encoding="utf-8"))}
sheet = load_workbook(path, read_only=True).worksheets[0]
cells = {str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None}
if not any("客户" in cell for cell in cells):
    sys.exit(f"smoke test: the ledger {path} has no Chinese heading")
if missing := sorted(numbers - cells):
    sys.exit(f"smoke test: the ledger {path} does not list {', '.join(missing)}")
print(f"   {sheet.title!r}: all {len(numbers)} tickets listed, {len(cells)} distinct cells")
PY

if [ -n "${QUALITYDESK_TEST_PG_URL:-}" ]; then
  echo "== 5. the built command line on a PostgreSQL server"
  pg_database="h9_smoke_$$"
  uv run python - "$QUALITYDESK_TEST_PG_URL" "$pg_database" <<'PY'
import sys
import psycopg
url = sys.argv[1].replace("postgresql+psycopg://", "postgresql://")
with psycopg.connect(url, autocommit=True) as connection:
    connection.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
  server_url="${QUALITYDESK_TEST_PG_URL%/*}/$pg_database"
  server() { "$bundle/qualitydesk-cli" --db-url "$server_url" --lang zh_CN "$@"; }
  server demo --customers 5 --complaints 3 --returns 0 --surveys 0 --no-field
  server list complaints --json >"$work/server.json"
  server_number=$(uv run python -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["number"])' "$work/server.json")
  server export 8d "$server_number" -o "$work/server-8d.pdf"
  pdftotext -enc UTF-8 "$work/server-8d.pdf" - | grep -q 客户抱怨处理单 ||
    { echo "smoke test: the 8D PDF from the server does not show 客户抱怨处理单" >&2; exit 1; }
  echo "   migrated, 3 demo tickets, the 8D report of $server_number"
fi

echo "smoke test of the built app passed: checks $((SECONDS - smoke_started)) s, in all $((SECONDS - started)) s"
