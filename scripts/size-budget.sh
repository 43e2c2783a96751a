#!/usr/bin/env bash
# Prints the gzipped size of the release build's .wasm, .js and .css and fails above budget.
# Usage: scripts/size-budget.sh [dist-dir]   (build first: `make release`)
set -euo pipefail
dist="${1:-dist}"
# Budgets in gzipped bytes, with margin over the figures recorded in BENCHMARKS.md.
# .js includes the service worker (sw.js) and its registration (register-sw.js), about 1.6 KB,
# fetched after the page has loaded.
declare -A BUDGET=([wasm]=820000 [js]=10700 [css]=14000)
status=0
for ext in wasm js css; do
  total=0
  for f in "$dist"/*."$ext"; do
    [ -e "$f" ] || { echo "no .$ext file in $dist" >&2; exit 1; }
    total=$((total + $(gzip -9 -c "$f" | wc -c)))
  done
  verdict=ok
  if [ "$total" -gt "${BUDGET[$ext]}" ]; then verdict="OVER BUDGET"; status=1; fi
  printf '%-5s %8d bytes gzipped (budget %d) %s\n' ".$ext" "$total" "${BUDGET[$ext]}" "$verdict"
done
exit $status
