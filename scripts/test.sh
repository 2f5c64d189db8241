#!/usr/bin/env bash
# Install everything the tests need, from nothing, then run them.
#   - Debian packages when missing: chromium (image export, browser tests), fonts-liberation,
#     fonts-noto-color-emoji (the 📸 of post texts), libreoffice-impress (proves the deck opens), poppler-utils (deck preview); as root or with sudo.
#   - a virtual environment .venv with the project and its test extras.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k calibration`.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-impress)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if ((${#need[@]})); then
    echo "installing system packages: ${need[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

.venv/bin/ruff check rlff rlff_app tests benchmarks scripts dashboard.py
.venv/bin/mypy  # rlff and rlff_app (pyproject's [tool.mypy])

# Fast tests on both cores, then the few real-browser tests on their own (one served app).
.venv/bin/python -m pytest -n 2 -m "not browser" -q "$@"
status=0
.venv/bin/python -m pytest -m browser -q -p no:xdist "$@" || status=$?
# Exit code 5 means "no browser test selected" (e.g. with -k): not a failure.
if [ "$status" -ne 0 ] && [ "$status" -ne 5 ]; then
    exit "$status"
fi
