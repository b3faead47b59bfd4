# Sourced by the other scripts: make (or reuse) .venv with the package and its test tools.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
stamp=".venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$stamp" ]; then
  echo "Setting up .venv (first run only)..." >&2
  log=.venv/install.log
  if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip \
         && .venv/bin/python -m pip install --disable-pip-version-check -e '.[dev]'; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing the package failed (log above, also in $log)." >&2
    exit 1
  fi
  rm -f .venv/.installed-* && touch "$stamp"
fi
