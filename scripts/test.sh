#!/usr/bin/env bash
# Install everything the tests need, from nothing, then run them.
#   - Debian packages when missing (scripts/system_packages.sh): chromium, fonts, LibreOffice
#     Impress, poppler-utils, PostgreSQL; as root or with sudo.
#   - a virtual environment .venv holding exactly requirements-test.lock (hash-checked), plus
#     the project itself. The venv is made again whenever the lock changes.
#   - ruff (lint and format), the fast tests on two cores, then the real-browser tests.
# `--latest` (first argument) does the same in .venv-latest with the newest release of every
# dependency instead of the lock: the canary to run before refreshing the lock.
# Other arguments go to pytest, e.g. `bash scripts/test.sh -k calibration`.
set -euo pipefail
cd "$(dirname "$0")/.."

latest=0
if [ "${1:-}" = "--latest" ]; then
    latest=1
    shift
fi

bash scripts/system_packages.sh

pip_q=(-q --disable-pip-version-check)
if ((latest)); then
    venv=.venv-latest
    export RLFF_UNLOCKED=1 # tests/test_lock.py: the versions differ from the lock on purpose
    [ -x $venv/bin/python ] || python3 -m venv $venv
    $venv/bin/python -m pip install "${pip_q[@]}" --upgrade pip
    $venv/bin/python -m pip install "${pip_q[@]}" --upgrade --upgrade-strategy eager -e '.[test]'
    echo "newest versions in $venv: $($venv/bin/python -m pip list --disable-pip-version-check --format=freeze | tr '\n' ' ')"
else
    venv=.venv
    unset RLFF_UNLOCKED
    lock_sum=$(sha256sum requirements-test.lock | cut -d' ' -f1)
    if [ "$(cat $venv/.rlff-lock 2>/dev/null)" != "$lock_sum" ]; then
        # A venv from another lock (or from before the lock) may hold versions or packages the
        # lock does not: start again, so the venv is the lock and nothing else.
        rm -rf $venv
        python3 -m venv $venv
        $venv/bin/python -m pip install "${pip_q[@]}" --require-hashes -r requirements-test.lock
        echo "$lock_sum" >$venv/.rlff-lock
    fi
    # pip cannot check hashes of an editable install; the project's dependencies are in the lock.
    $venv/bin/python -m pip install "${pip_q[@]}" --no-deps -e .
fi

paths=(rlff rlff_app tests benchmarks scripts dashboard.py)
$venv/bin/ruff check "${paths[@]}"
$venv/bin/ruff format --check "${paths[@]}"
$venv/bin/mypy # rlff and rlff_app (pyproject's [tool.mypy])

# Fast tests on both cores, then the few real-browser tests on their own (one served app).
$venv/bin/python -m pytest -n 2 -m "not browser" -q "$@"
status=0
$venv/bin/python -m pytest -m browser -q -p no:xdist "$@" || status=$?
# Exit code 5 means "no browser test selected" (e.g. with -k): not a failure.
if [ "$status" -ne 0 ] && [ "$status" -ne 5 ]; then
    exit "$status"
fi
