#!/usr/bin/env bash
# Makes sure the real servers the distribution tests run against are on this machine:
#   - Debian's docker-registry (OCI distribution server), htpasswd (apache2-utils) and openssl;
#   - versitygw, an S3-compatible gateway with a plain-folder backend, built from its Go module;
#   - cosign (sigstore), built from its Go module: the real signer and verifier of OCI chart signatures.
# Idempotent: installs and builds only what is missing. Prints where things are.
#   bash test/services/ensure.sh
set -euo pipefail

VERSITYGW_VERSION="${VERSITYGW_VERSION:-v1.8.0}"
COSIGN_VERSION="${COSIGN_VERSION:-v2.6.5}"
CACHE="${BERTH_SERVICES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth-services}"
mkdir -p "$CACHE/bin"

need_apt=()
command -v docker-registry >/dev/null 2>&1 || [ -x /usr/bin/docker-registry ] || need_apt+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need_apt+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl) # the registry token service's certificate
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "ensure: installing ${need_apt[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  # The package starts a system registry on :5000; the tests run their own on a free port.
  $SUDO systemctl disable --now docker-registry >/dev/null 2>&1 || true
fi

gw="$CACHE/bin/versitygw-$VERSITYGW_VERSION"
if [ ! -x "$gw" ]; then
  command -v go >/dev/null 2>&1 || { echo "ensure: Go is needed to build versitygw" >&2; exit 1; }
  echo "ensure: building versitygw $VERSITYGW_VERSION (a few minutes, once)"
  start=$(date +%s)
  tmp="$CACHE/build-$$"
  mkdir -p "$tmp"
  GOBIN="$tmp" nice -n 10 go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"
  mv "$tmp/versitygw" "$gw"
  rmdir "$tmp"
  echo "ensure: built versitygw in $(( $(date +%s) - start ))s"
fi

cosign="$CACHE/bin/cosign-$COSIGN_VERSION"
if [ ! -x "$cosign" ]; then
  command -v go >/dev/null 2>&1 || { echo "ensure: Go is needed to build cosign" >&2; exit 1; }
  # ~23 min on a loaded 2-core machine with a cold module cache (measured 2026-12-03); once per cache
  echo "ensure: building cosign $COSIGN_VERSION (a large build, once)"
  start=$(date +%s)
  tmp="$CACHE/build-cosign-$$"
  mkdir -p "$tmp"
  GOBIN="$tmp" nice -n 10 go install -trimpath -ldflags='-s -w' "github.com/sigstore/cosign/v2/cmd/cosign@$COSIGN_VERSION"
  mv "$tmp/cosign" "$cosign"
  rmdir "$tmp"
  echo "ensure: built cosign in $(( $(date +%s) - start ))s"
fi

echo "docker-registry: $(command -v docker-registry || echo /usr/bin/docker-registry)"
echo "htpasswd: $(command -v htpasswd)"
echo "versitygw: $gw"
echo "cosign: $cosign"
