#!/usr/bin/env bash
# Installs the headless browser the admin UI test drives (Debian's chromium and chromium-driver, giving
# /usr/bin/chromium and /usr/bin/chromedriver) unless both are already there. Idempotent; needs root or sudo.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium and chromedriver are installed: $(/usr/bin/chromedriver --version 2>/dev/null | head -1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
echo "installed: $(/usr/bin/chromedriver --version 2>/dev/null | head -1)"
