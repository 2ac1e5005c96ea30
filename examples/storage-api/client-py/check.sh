#!/usr/bin/env bash
# Installs grpcio, grpcio-tools, grpcio-status and googleapis-common-protos
# from PyPI into a virtual environment (once), then runs check.py against
# a running storage-api: `examples/storage-api/client-py/check.sh HOST:PORT`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target_dir=$(cargo metadata --format-version 1 --no-deps --manifest-path "$here/../Cargo.toml" | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
venv="$target_dir/grpc-py/venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import grpc_status, grpc_tools, google.rpc' 2> /dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    grpcio==1.85.3 grpcio-tools==1.85.1 grpcio-status==1.85.3 googleapis-common-protos==1.76.0
fi
"$venv/bin/python" "$here/check.py" "$1"
