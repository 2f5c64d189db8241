#!/usr/bin/env bash
# Prove the floors in pyproject.toml: install every direct dependency (runtime and test extra)
# at its lower bound into .venv-floors (uv's lowest-direct resolution; what they depend on comes
# at the newest version that fits), then run ruff and the fast tests there.
# tests/test_lock.py checks each direct dependency really sits on its floor. Needs uv.
# Run it after adding or raising a floor. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v uv >/dev/null 2>&1; then
    echo "scripts/test_floors.sh needs uv (https://docs.astral.sh/uv/): pip install uv" >&2
    exit 2
fi

bash scripts/system_packages.sh

venv=.venv-floors
rm -rf $venv
uv venv -q --python python3 $venv
uv pip install -q --python $venv/bin/python --resolution lowest-direct -e '.[test]'

export RLFF_UNLOCKED=1 # not the lock's versions, on purpose
export RLFF_FLOORS=1   # ... but each direct dependency at its floor
paths=(rlff rlff_app tests benchmarks scripts dashboard.py)
$venv/bin/ruff check "${paths[@]}"
$venv/bin/ruff format --check "${paths[@]}"
$venv/bin/python -m pytest -n 2 -m "not browser" -q "$@"
