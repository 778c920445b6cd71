#!/usr/bin/env bash
# Install everything the tests need and run them: `bash scripts/test.sh [pytest args]`.
# Starts the local PostgreSQL cluster if it is down; PostgreSQL tests are skipped (with the
# reason) on a machine that has none.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

if command -v pg_lsclusters >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "test: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
fi
export KHIW_TEST_PG_URL=${KHIW_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
exec .venv/bin/python -m pytest "$@"
