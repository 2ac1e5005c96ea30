#!/usr/bin/env bash
# Cross-checks `terror diff`'s verdicts (breaking, additive, cosmetic) with
# tools nobody here wrote: a client generated from storage-api's original
# OpenAPI document reads every code and every arg with its exact type; for
# each kind of change, mutate.mjs applies it to the document, openapi-typescript
# turns the result into types and `tsc --strict` compiles the client against
# them. A breaking change should make it fail, an additive or cosmetic one
# should not. The measured tsc verdict of each kind must be the one
# expected.json records (with why, where tsc and terror disagree).
#
# Usage: check.sh OPENAPI_JSON   (node and npm must be installed)
set -euo pipefail
cd "$(dirname "$0")"
openapi=$(realpath "${1:?usage: check.sh OPENAPI_JSON}")

# The versions in package-lock.json, from the registry or npm's cache.
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
mkdir -p generated
node gen-client.mjs "$openapi" generated/client.ts

# Prints `compiles` or `fails: FIRST ERROR` for the client against a document.
verdict() {
  local output
  # openapi-typescript reports progress on stderr: show it only when it fails.
  if ! output=$(node_modules/.bin/openapi-typescript "$1" --output generated/storage-api.d.ts 2>&1); then
    printf 'openapi-typescript rejects %s:\n%s\n' "$1" "$output" >&2
    return 1
  fi
  if output=$(node_modules/.bin/tsc -p tsconfig.json); then
    echo compiles
  else
    echo "fails: $(grep --max-count=1 'error TS' <<< "$output")"
  fi
}

original=$(verdict "$openapi")
if [[ $original != compiles ]]; then
  echo "the client does not compile against the original document: ${original#fails: }"
  exit 1
fi
echo "generated/client.ts compiles against the original document"

expected() { node -p "require('./expected.json')['$1']?.$2 ?? 'missing'"; }

failed=0
kinds=$(node mutate.mjs --kinds)
listed=$(node -p 'Object.keys(require("./expected.json")).join("\n")')
for kind in $(comm -13 <(sort <<< "$listed") <(sort <<< "$kinds")); do
  echo "expected.json has no entry for $kind"
  failed=1
done
for kind in $(comm -23 <(sort <<< "$listed") <(sort <<< "$kinds")); do
  echo "expected.json has an entry for $kind, a kind mutate.mjs does not know"
  failed=1
done

printf '\n%-22s %-9s %-9s %s\n' kind tsc terror agree
for kind in $kinds; do
  node mutate.mjs "$kind" "$openapi" generated/openapi.json
  # A change OpenAPI cannot express leaves the document as it was.
  if cmp --silent "$openapi" generated/openapi.json; then
    result=n/a
  else
    result=$(verdict generated/openapi.json)
  fi
  measured=${result%%:*}
  terror=$(expected "$kind" terror)
  case "$terror/$measured" in
    breaking/fails | additive/compiles | cosmetic/compiles) agree=yes ;;
    */n/a) agree=- ;;
    *) agree=no ;;
  esac
  printf '%-22s %-9s %-9s %s\n' "$kind" "$measured" "$terror" "$agree"
  if [[ $measured == fails ]]; then
    # generated/client.ts(LINE,COLUMN): error TSnnnn: message
    error=${result#fails: }
    line=$(sed -E 's/^[^(]*\(([0-9]+),.*/\1/' <<< "$error")
    printf '    client.ts:%s  %s\n    %.160s\n' "$line" \
      "$(sed -n "${line}p" generated/client.ts | sed -E 's/^ +//')" "${error#*: }"
  fi
  want=$(expected "$kind" tsc)
  if [[ $measured != "$want" ]]; then
    echo "    but expected.json says tsc $want"
    failed=1
  fi
done
exit "$failed"
