#!/usr/bin/env bash
# Install Khiw and start the demo office on an embedded SQLite database: `bash scripts/demo.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/khiw demo "$@"
