#!/usr/bin/env bash
# Prints the gzipped size of every file of the release build and fails above budget.
# Usage: scripts/size-budget.sh [dist-dir]   (build first: `make release`)
#
# The first load is every file the built index.html refers to (the app's start module, its .js
# glue, its first-load .wasm and the chunk loader in app-<hash>/, the stylesheets, the icon)
# plus index.html itself: what a visitor fetches before the first results show. Everything
# else is fetched on first use: the views split out of the app (app-<hash>/split_*.wasm, and
# chunk_*.wasm for code several of them share), the file worker (`headroom-worker*`), the
# Ranges code and the trials worker (`split_ranges_code.wasm`, `headroom-trials*`: only plans
# with ranges fetch them), and
# what the service worker (sw.js, registered after load) precaches for offline use. Budgets
# are gzipped bytes (GitHub Pages serves gzip), a little over the figures recorded in
# BENCHMARKS.md; a budget is only ever lowered.
set -euo pipefail
dist="${1:-dist}"
index="$dist/index.html"
[ -f "$index" ] || { echo "no index.html in $dist: build first (make release)" >&2; exit 1; }

declare -A BUDGET=(
  [first-load]=351750 # everything before the first results (was 351800)
  [app]=337580        # the app's first-load .wasm and .js (was 337650)
  [js]=5030           # the first load's scripts (start, glue, chunk loader; was 5050)
  [css]=11700         # the stylesheets (was 12400)
  [views]=197300      # the views split out of the app, fetched on first use (was 197900)
  [worker]=272300     # the file worker, fetched on first use (was 273050)
  [ranges]=127750     # what a plan with ranges fetches: the Ranges code and the trials worker (was 128560)
)

gz() { gzip -9 -c "$1" | wc -c; }

# Files index.html refers to (href= and src=), relative to dist; not the apple-touch-icon,
# which only an iPhone's "Add to Home Screen" fetches.
mapfile -t referenced < <(grep -v 'apple-touch-icon' "$index" | grep -oE '(href|src)="[^"#?]+"' \
  | sed -E 's/^(href|src)="(\.\/)?//; s/"$//' | sort -u)

declare -A TOTAL=([first-load]=0 [app]=0 [js]=0 [css]=0 [views]=0 [worker]=0 [ranges]=0)
status=0
# Looked up in an array, not by `printf | grep -q`: under `pipefail`, grep leaving at its first
# match can cut printf off (SIGPIPE) and the pipeline then reads as "not found".
declare -A FIRST_LOAD=([index.html]=1)
first_load_files=("index.html")
for f in "${referenced[@]}"; do
  [ -f "$dist/$f" ] && [ -z "${FIRST_LOAD[$f]:-}" ] && first_load_files+=("$f") && FIRST_LOAD[$f]=1
done
# And what start.js loads before the app runs: every file of the app's directory but its
# split views (the .wasm is asked for from start.js, not named in index.html).
for path in "$dist"/app-*/*; do
  f="${path#"$dist"/}"
  case "$f" in app-*/split_* | app-*/chunk_*) continue ;; esac
  [ -n "${FIRST_LOAD[$f]:-}" ] || { first_load_files+=("$f"); FIRST_LOAD[$f]=1; }
done

printf '%-48s %10s  %s\n' "file" "gzipped" "group"
for path in "$dist"/* "$dist"/app-*/*; do
  f="${path#"$dist"/}"
  [ -f "$path" ] || continue
  size=$(gz "$path")
  groups=()
  if [ -n "${FIRST_LOAD[$f]:-}" ]; then
    groups+=(first-load)
    case "$f" in *.js) groups+=(js) ;; esac
  fi
  case "$f" in
    headroom-worker*) groups+=(worker) ;;
    headroom-trials* | app-*/split_ranges_code.wasm) groups+=(ranges) ;;
    app-*/split_*.wasm | app-*/chunk_*.wasm) groups+=(views) ;;
    app-*/*) groups+=(app) ;;
    *.css) groups+=(css) ;;
  esac
  for g in "${groups[@]}"; do TOTAL[$g]=$((TOTAL[$g] + size)); done
  printf '%-48s %10d  %s\n' "$f" "$size" "${groups[*]:-on demand}"
done

# The app's code must be part of the first load; the worker and the split views must not be.
for f in "${first_load_files[@]}"; do
  case "$f" in
    headroom-worker* | headroom-trials* | app-*/split_* | app-*/chunk_*) echo "$f, fetched on first use, is in the first load" >&2; status=1 ;;
  esac
done
[ "${TOTAL[app]}" -gt 0 ] || { echo "no app .wasm/.js in $dist" >&2; exit 1; }
app_wasm=no
for f in "${first_load_files[@]}"; do
  case "$f" in app-*/headroom_bg.wasm) app_wasm=yes ;; esac
done
[ "$app_wasm" = yes ] || { echo "the app's .wasm is not in the first load" >&2; exit 1; }
[ "${TOTAL[worker]}" -gt 0 ] || { echo "no file worker in $dist" >&2; exit 1; }
[ "${TOTAL[ranges]}" -gt 0 ] || { echo "no trials worker or Ranges code in $dist" >&2; exit 1; }

echo
for g in first-load app js css views worker ranges; do
  verdict=ok
  if [ "${TOTAL[$g]}" -gt "${BUDGET[$g]}" ]; then verdict="OVER BUDGET"; status=1; fi
  printf '%-11s %8d bytes gzipped (budget %d) %s\n' "$g" "${TOTAL[$g]}" "${BUDGET[$g]}" "$verdict"
done
exit $status
