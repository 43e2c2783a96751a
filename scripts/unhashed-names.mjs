// Rewrites the function names of a wasm file without their hashes, in place:
// `_ZN…12in_next_task28_$u7b$$u7b$closure$u7d$$u7d$17h6cb46dd8fbedf09eE` loses its
// `17h…E`. Usage: node scripts/unhashed-names.mjs FILE.wasm…
//
// build-wasm.sh has wasm-opt order a file's functions by name before shrinking it, which puts
// one module's code side by side for gzip. With the hashes, the closures of one function (and
// a generic function's copies) fall in the order of their hashes, which change whenever a
// closure is added to that function; without them, names tie and keep the linker's order,
// which follows the source (1.1 KB less gzipped on the first load, 0.3 KB on the views;
// BENCHMARKS.md). wasm-opt makes tied names unique again; the names are dropped afterwards.
import { readFileSync, writeFileSync } from 'node:fs';
import { encode, leb, rewrite, section, sections } from './wasm-sections.mjs';

const HASH = /17h[0-9a-f]{16}E|::h[0-9a-f]{16}/g;

/** The name section's subsections with the function names (subsection 1) rewritten. */
function names(bytes) {
  const parts = [];
  for (let [id, body] of sections(bytes, 0)) {
    if (id === 1) {
      let [count, i] = leb(body, 0);
      const entries = [encode(count)];
      for (let n = 0; n < count; n++) {
        let index;
        let length;
        [index, i] = leb(body, i);
        [length, i] = leb(body, i);
        const name = Buffer.from(body.subarray(i, i + length).toString('latin1').replace(HASH, ''), 'latin1');
        i += length;
        entries.push(encode(index), encode(name.length), name);
      }
      body = Buffer.concat(entries);
    }
    parts.push(section(id, body));
  }
  return Buffer.concat(parts);
}

for (const file of process.argv.slice(2)) {
  const renamed = rewrite(readFileSync(file), (id, body) => {
    if (id !== 0) return body;
    const [length, start] = leb(body, 0);
    if (body.subarray(start, start + length).toString('latin1') !== 'name') return body;
    return Buffer.concat([body.subarray(0, start + length), names(body.subarray(start + length))]);
  });
  writeFileSync(file, renamed);
}
