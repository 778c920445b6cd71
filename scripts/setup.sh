#!/usr/bin/env bash
# Shared by scripts/demo.sh and scripts/test.sh: system libraries, then a virtual environment
# in .venv with Khiw installed (editable) and, with --test, the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < scripts/debian-packages.txt
if ((${#missing[@]})) && command -v apt-get >/dev/null; then
  if [[ $(id -u) == 0 ]]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing; install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Khiw needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
  exit 1
fi
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
extras=""
[[ "${1:-}" == "--test" ]] && extras="[test]"
echo "setup: installing Khiw${extras:+ and the test tools} into .venv (log: .venv/pip.log)"
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}" >.venv/pip.log 2>&1 \
    || ! .venv/bin/python -c "import khiw"; then
  tail -30 .venv/pip.log >&2
  echo "setup: installing Khiw failed; the whole log is in .venv/pip.log" >&2
  exit 1
fi
# Qt translations: the .ts files are the source, the .qm files (git-ignored) are built here.
for ts in counter/i18n/*.ts; do
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm" || { echo "setup: building $ts failed" >&2; exit 1; }
done
