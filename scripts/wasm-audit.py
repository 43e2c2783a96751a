#!/usr/bin/env python3
"""Where the app's .wasm bytes go, by crate: `make audit` (twiggy over the release build).

Reads `twiggy top --format csv` of the release .wasm before wasm-opt (names kept) and sums the
shallow size of every item by the crate its name starts with (`headroom_core::engine::run` →
headroom_core; `<tachys::… as …>` → tachys). Names do not survive into the shipped file, so
sizes are before wasm-opt and gzip: read them as shares, not as download bytes.

Usage: twiggy top -n 1000000 -f csv target/wasm32-unknown-unknown/release/headroom.wasm \
         | scripts/wasm-audit.py [top=25]
"""
import collections
import csv
import re
import sys

top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
by_crate = collections.Counter()
largest = {}
total = 0
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    # Name sections and wasm-bindgen's build-time section are not shipped.
    if name.startswith(('"function names"', "custom section", "Σ", "...")):
        continue
    total += size
    if name.startswith("data segment"):
        crate = "(read-only data)"
    else:
        found = re.search(r"([a-z_][a-z0-9_]*)::", name)
        crate = found.group(1) if found else "(no name)"
    by_crate[crate] += size
    if size > largest.get(crate, ("", 0))[1]:
        largest[crate] = (name, size)

print(f"{'bytes':>9} {'share':>6}  crate: largest item")
for crate, size in by_crate.most_common(top):
    item, item_size = largest[crate]
    item = item if len(item) <= 70 else item[:67] + "..."
    print(f"{size:9d} {100 * size / total:5.1f}%  {crate}: {item} ({item_size})")
print(f"{total:9d} 100.0%  in all (code and data, before wasm-opt)")
