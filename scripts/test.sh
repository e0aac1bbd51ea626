#!/usr/bin/env bash
# `npm test`: installs the system packages the tests need (when root), then type check, lint, unit and e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/bin/pdftotext ] || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages for the tests: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "The tests need these Debian packages: ${need[*]}"
    echo "Install them with: sudo apt-get install -y ${need[*]}"
    exit 1
  fi
fi
[ -d node_modules ] || { echo "Run npm ci first"; exit 1; }

echo "== type check"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== build renderer"; npx vite build --logLevel warn
echo "== unit and integration tests"; npx vitest run --project unit
echo "== e2e tests (server host in Chromium)"; npx vitest run --project e2e
echo "== first run (the README's quick start in a clean copy)"; npx vitest run --project install
