#!/usr/bin/env bash
# The Debian packages the tests need, installed when missing (as root or with sudo):
# chromium (image export, browser tests), fonts-liberation, fonts-noto-color-emoji (the 📸 of
# post texts), libreoffice-impress (proves the deck opens), poppler-utils (deck preview),
# postgresql (the tests start their own server on loopback), nodejs and npm (the single sign-on
# test runs a real OpenID provider, tests/oidc/, installed with `npm ci`).
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-impress)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if ((${#need[@]})); then
    echo "installing system packages: ${need[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
