#!/usr/bin/env bash
# Builds the app's wasm for Trunk (its post_build hook, see Trunk.toml) and writes it, with the
# module that starts it, into Trunk's staging directory; then runs scripts/post-build.mjs.
#
# Trunk builds the file worker and the stylesheets itself; it cannot split one wasm binary into
# parts loaded on demand (trunk-rs/trunk#1022), so the app is built here:
#
#   release: cargo build with `--cfg headroom_split` (views marked `#[lazy]` become split
#            points) and `--emit-relocs`; `wasm-split-cli` cuts the wasm into the first-load
#            module and one chunk per lazy view (plus `__wasm_split.js`, their loader);
#            wasm-bindgen; wasm-opt -Oz (twice) on every wasm file; terser on every script
#            (the workers' glue included); the names shared with the glue and with the
#            split views made short (scripts/short-glue-names.mjs, short-split-names.mjs).
#   debug:   (trunk serve) cargo build, wasm-bindgen, no split, no wasm-opt.
#
# Everything lands in one directory per build, `app-<hash>/` (a hash of its files), so
# the files that refer to each other by fixed names (`__wasm_split.js`, the chunks) never mix
# across deployments; index.html's `<!-- headroom:app -->` becomes the tags that load it.
set -euo pipefail

: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
profile="${TRUNK_PROFILE:-debug}"
target=wasm32-unknown-unknown
# `--low-memory-unused`: the lowest kilobyte of memory is never read or written (Rust puts
# the stack first, growing down from 1 MiB, and the data and heap above it), so a constant
# added to a pointer can go into the load's or store's offset (a pointer that wrapped around
# to it would have been a bug already).
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types
  --enable-multivalue --enable-sign-ext --enable-mutable-globals)
wasm_opt_flags=(-Oz "${features[@]}" --low-memory-unused)
# Every function's control flow rebuilt, then shrunk again; twice (the second round finds
# about a third as much again).
reloop_flags=(--flatten --rereloop -Oz -Oz --flatten --rereloop -Oz -Oz)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "$profile" = release ]; then
  # The same flags as .cargo/config.toml, plus the split point cfg and the relocations the
  # splitter reads, and LLVM's inliner held to calls that cost nothing (`-inline-threshold=0`;
  # LLVM's own for its smallest-size level is 5): 1.8 KB off the first load and 0.9 KB off
  # the views, the keystroke unchanged (BENCHMARKS.md; -20 was 4.3 KB larger again).
  # Source paths are written short in the panic messages the binary carries: the crates'
  # from their version on (`tachys-0.2.19/src/…`), the app's from the workspace root. The
  # bytes then do not depend on where the checkout or cargo's registry is.
  flags=(--cfg erase_components --cfg headroom_split -C link-args=--emit-relocs
    -C llvm-args=-inline-threshold=0 "--remap-path-prefix=$PWD/=")
  for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
    flags+=("--remap-path-prefix=$registry=")
  done
  # Separated by 0x1F, so a path with a space stays one flag.
  CARGO_ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; echo "${flags[*]}")"
  export CARGO_ENCODED_RUSTFLAGS
  cargo build --release --locked --offline --target "$target" --bin headroom
  linked="target/$target/release/headroom.wasm"
else
  cargo build --locked --offline --target "$target" --bin headroom
  linked="target/$target/debug/headroom.wasm"
fi

out="$work/app"
mkdir -p "$out"

if [ "$profile" = release ]; then
  wasm-split-cli "$linked" "$work/split" --out-name headroom --target web
  # `--keep-debug`: the function names, which the first round of wasm-opt below orders the
  # functions by (and then drops).
  wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript --keep-debug \
    --out-dir "$out" --out-name headroom "$work/split/headroom.wasm"
  cp "$work/split/__wasm_split.js" "$out/"
  # One chunk per split point (split_*.wasm) and the code some of them share (chunk_*.wasm).
  for chunk in "$work"/split/*.wasm; do
    [ "$(basename "$chunk")" = headroom.wasm ] || cp "$chunk" "$out/"
  done
  # Twice: the second round finds a little more (0.13 % of the app's gzipped .wasm, about
  # 0.9 KB; a third makes it larger again). The second also rebuilds every function's control
  # flow (`reloop_flags`): 0.5 % smaller gzipped (0.6 % for the worker).
  # It also drops the two custom sections no browser reads (`producers`, the tool versions;
  # `target_features`, which wasm-opt itself needs on its input): about 200 bytes gzipped off
  # every file.
  # The file worker and the trials worker, built by Trunk with `data-wasm-opt="z"`, take both
  # rounds too.
  workers=("$TRUNK_STAGING_DIR/headroom-worker_bg.wasm" "$TRUNK_STAGING_DIR/headroom-trials_bg.wasm")
  for worker in "${workers[@]}"; do
    [ -f "$worker" ] || { echo "no worker at $worker: index.html's worker links changed?" >&2; exit 1; }
  done
  # The app's files first have their functions put in the order of their (mangled) names:
  # the code of one crate and module, and a generic function's copies, side by side, where
  # gzip finds more of it again (2.3 KB off the first load, 2.5 KB off the views, against the
  # linker's order; BENCHMARKS.md). The names are written without their hashes first
  # (scripts/unhashed-names.mjs): a function's closures then stay in the linker's order, not
  # in that of their hashes, which change whenever a closure is added beside them (1.1 KB
  # off the first load). No name is left after this round. The workers have theirs ordered
  # by Trunk's wasm-opt (index.html, `data-wasm-opt-params`; 5.1 KB off the file worker,
  # 0.7 KB off the trials worker; without the hashes, one is smaller and one larger).
  # A split view or shared chunk is also built in the linker's order, and the smaller of the
  # two, gzipped, is kept: for a few of them (the explanation, the templates' plans, some
  # shared chunks) that order compresses better, by up to 60 bytes each (BENCHMARKS.md).
  node scripts/unhashed-names.mjs "$out"/*.wasm
  optimise() { # file, output, ordering flags…
    local in="$1" to="$2"
    shift 2
    wasm-opt "$@" "${wasm_opt_flags[@]}" "$in" -o "$to"
    wasm-opt "${wasm_opt_flags[@]}" "${reloop_flags[@]}" --strip-producers --strip-target-features \
      "$to" -o "$to"
  }
  for wasm in "$out"/*.wasm "${workers[@]}"; do
    case "$wasm" in
      "$out"/split_*.wasm | "$out"/chunk_*.wasm)
        optimise "$wasm" "$work/linker-order.wasm"
        optimise "$wasm" "$wasm" --reorder-functions-by-name
        if [ "$(gzip -9 -c "$work/linker-order.wasm" | wc -c)" -lt "$(gzip -9 -c "$wasm" | wc -c)" ]; then
          mv "$work/linker-order.wasm" "$wasm"
        fi
        ;;
      "$out"/*) optimise "$wasm" "$wasm" --reorder-functions-by-name ;;
      *) optimise "$wasm" "$wasm" ;;
    esac
  done
else
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name headroom "$linked"
fi

# The module that starts the app (a file, not an inline script: the page's
# Content-Security-Policy allows scripts from its own origin only). In release it first
# registers the service worker (sw.js, written by post-build.mjs), before the app's `await`.
# The wasm is asked for, and the app started, only once the browser reports the shell's first
# contentful paint (index.html) as shown: the stylesheets that paint need not share the line
# with the wasm, and the shell is on screen before the app replaces it, the page's first and
# largest paint (a paint whose element is gone before the browser has shown it is not
# reported). Without paint timing, or in a hidden tab, which paints nothing, after 500 ms.
{
  if [ "$profile" = release ]; then cat public/register-sw.js; fi
  cat <<'EOF'
import init from "./headroom.js";
await new Promise((shown) => {
  new PerformanceObserver((paints, observer) => {
    if (paints.getEntriesByName("first-contentful-paint").length) {
      observer.disconnect();
      shown();
    }
  }).observe({ type: "paint", buffered: true });
  setTimeout(shown, 500);
});
await init({ module_or_path: new URL("./headroom_bg.wasm", import.meta.url) });
EOF
} > "$out/start.js"

# Release: every script minified (terser, from npm; the glue is most of the page's JavaScript).
if [ "$profile" = release ]; then
  # The chunk loader writes the same fetch-and-instantiate function out for every chunk and
  # split point; one function, given the file's name, serves them all (about 20 bytes gzipped
  # off the first load per three chunks). A loader of another shape stops the build here.
  loader="$out/__wasm_split.js"
  if [ -e "$loader" ]; then
    perl -0777 -i -pe '
      $n = s{makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./(\w+)\.wasm", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*,\s*\[}{fetchLoad("$1", [}g;
      die "the chunk loader has a new shape: nothing to rewrite\n" unless $n;
      $_ .= "function fetchLoad(name, deps) {\n    return makeLoad(() => {\n        const src = fetch(new URL(`./\${name}.wasm`, import.meta.url));\n        src.catch(() => {});\n        return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n    }, deps);\n}\n";
    ' "$loader"
  fi
  for js in "$out"/*.js; do
    terser "$js" --module --compress --mangle --output "$js"
  done
  # The workers' glue, written by Trunk: about 1 KB gzipped off each. Classic scripts, whose
  # top-level `wasm_bindgen` their loader calls: terser keeps top-level names.
  for worker in "${workers[@]}"; do
    js="${worker%_bg.wasm}.js"
    [ -f "$js" ] || { echo "no worker glue at $js" >&2; exit 1; }
    terser "$js" --compress --mangle --output "$js"
  done
  # The names each .wasm and its glue share get short ones in both (`a`, `b`, … instead of
  # `__wbg_appendChild_dbf7ad2f48413560`): 5.3 KB gzipped off the first load, 0.7 KB and
  # 0.8 KB off the workers (BENCHMARKS.md).
  node scripts/short-glue-names.mjs "$out/headroom_bg.wasm" "$out/headroom.js"
  # And the names the split views import from the app (`__indirect_function_table`, …) and the
  # app from the chunk loader (`__wasm_split_load_below_tables`, …): 0.7 KB off the views.
  node scripts/short-split-names.mjs "$out"
  for worker in "${workers[@]}"; do
    node scripts/short-glue-names.mjs "$worker" "${worker%_bg.wasm}.js"
  done
fi

# Each worker's script is its glue (Trunk's, a classic script defining `wasm_bindgen`) ended
# with the call that starts its wasm, under the name the page starts it by (`<name>_loader.js`,
# src/ui/files.rs and src/ui/trials.rs). Trunk's loader shim in its place imported the glue
# (one request more before the worker ran) and called `wasm_bindgen("….wasm")`, which the glue
# warned of as deprecated on the console.
for name in headroom-worker headroom-trials; do
  js="$TRUNK_STAGING_DIR/$name.js"
  [ -f "$js" ] || { echo "no worker script at $js: index.html's worker links changed?" >&2; exit 1; }
  if [ -e "$TRUNK_STAGING_DIR/${name}_loader.js" ]; then
    echo "a loader shim for $name: drop data-loader-shim from index.html" >&2
    exit 1
  fi
  printf ';wasm_bindgen({module_or_path:"./%s_bg.wasm"});\n' "$name" >>"$js"
  mv "$js" "$TRUNK_STAGING_DIR/${name}_loader.js"
done

# Named after what it holds: any change to any of its files is a new directory.
hash="$(cd "$out" && sha256sum -- * | sha256sum | cut -c1-16)"
app="app-$hash"
rm -rf "$TRUNK_STAGING_DIR"/app-*
mv "$out" "$TRUNK_STAGING_DIR/$app"

tags="<link rel=\"modulepreload\" href=\"./$app/headroom.js\">"
[ -e "$TRUNK_STAGING_DIR/$app/__wasm_split.js" ] \
  && tags+="<link rel=\"modulepreload\" href=\"./$app/__wasm_split.js\">"
tags+="<script type=\"module\" src=\"./$app/start.js\"></script>"
html="$TRUNK_STAGING_DIR/index.html"
grep -q '<!-- headroom:app -->' "$html" || { echo "no <!-- headroom:app --> in $html" >&2; exit 1; }
sed -i "s#<!-- headroom:app -->#$tags#" "$html"
echo "app built ($profile): $app"

# Then what needs every file in place: public/, and in release the Content-Security-Policy and
# the service worker's precache list (one hook: Trunk runs a stage's hooks concurrently).
node scripts/post-build.mjs
