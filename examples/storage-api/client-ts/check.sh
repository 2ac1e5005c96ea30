#!/usr/bin/env bash
# A TypeScript client of storage-api gets typed errors, from a generator
# nobody here wrote: openapi-typescript turns the running server's
# /openapi.json into types, `tsc --strict` compiles src/client.ts (which
# narrows problems by `code` and reads typed args), and each file in bad/
# must fail with exactly the error its first line expects.
#
# Usage: check.sh URL-OF-OPENAPI-JSON   (node and npm must be installed)
set -euo pipefail
cd "$(dirname "$0")"
url=${1:?usage: check.sh URL-OF-OPENAPI-JSON}

# The versions in package-lock.json, from the registry or npm's cache.
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
mkdir -p generated
curl --silent --show-error --fail "$url" > generated/openapi.json
node_modules/.bin/openapi-typescript generated/openapi.json --output generated/storage-api.d.ts
node_modules/.bin/tsc -p tsconfig.json
echo "src/client.ts compiles"

failed=0
for file in bad/*.ts; do
  expected=$(head -n 1 "$file" | sed 's|^// expect: ||')
  if output=$(node_modules/.bin/tsc --strict --noEmit --target ES2022 --module ESNext --moduleResolution bundler "$file"); then
    echo "$file compiles, but must not"
    failed=1
  elif ! grep --quiet --fixed-strings --line-regexp -- "$expected" <<< "$output"; then
    printf '%s fails, but not as expected:\n  expected: %s\n  got:\n%s\n' "$file" "$expected" "$output"
    failed=1
  else
    echo "$file does not compile: ${expected#*: }"
  fi
done
exit "$failed"
