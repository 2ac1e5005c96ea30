#!/usr/bin/env bash
# Operational checks of a storage-api, from Python tools nobody here wrote:
# prometheus-client's exposition parser, the OpenTelemetry protocol's own
# protobuf packages, grpcio. The versions in requirements.txt are installed
# from PyPI into a virtual environment under the cargo target directory
# (once, and again whenever requirements.txt changes).
#
# Usage:
#   check.sh metrics HOST:PORT          a running storage-api's /metrics
#   check.sh otlp PATH-TO-STORAGE-API   starts the binary, receives its spans
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
usage="usage: check.sh metrics HOST:PORT | check.sh otlp PATH-TO-STORAGE-API"
[ $# -eq 2 ] || { echo "$usage" >&2; exit 2; }
case "$1" in
  metrics) script=metrics_check.py ;;
  otlp) script=otlp_check.py ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
target_dir=$(cargo metadata --format-version 1 --no-deps --manifest-path "$here/../Cargo.toml" | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
venv="$target_dir/ops-py/venv"
# The venv keeps a copy of the requirements it was built from: a changed pin
# rebuilds it rather than running against stale packages.
if [ ! -x "$venv/bin/python" ] || ! cmp --silent "$here/requirements.txt" "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
"$venv/bin/python" "$here/$script" "$2"
