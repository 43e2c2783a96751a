// Gives the names a wasm file and its glue share short names, in the .wasm and in the glue
// alike. Usage: node scripts/short-glue-names.mjs FILE.wasm GLUE.js
//
// wasm-bindgen names each function the .wasm imports from the glue after its JavaScript and a
// hash of its signature (`__wbg_appendChild_dbf7ad2f48413560`), and the name is written twice:
// in the .wasm's import section and as a key of the glue's imports object. The hashes do not
// compress, and the app's first load carries 168 of them. Here they become `a`, `b`, … `ba`, …,
// and the glue's module (`./headroom_bg.js`) `g`; the exports the glue alone calls on
// (closures' `invoke`s, whose names are mangled paths with a hash, `__wbindgen_malloc`, …)
// get short names too (BENCHMARKS.md).
//
// Only the imports from the glue's module are renamed (`./headroom_bg.js`,
// `./headroom-worker_bg.js`, …): those of the chunk loader (`./__wasm_split.js`) keep theirs,
// and so do the exports it reads (`memory`, `__indirect_function_table`, …). Every import
// must occur in the glue as a whole identifier, and none of the old names may be left
// afterwards, or nothing is written and the build stops: a glue of another shape is caught,
// not half renamed.
import { readFileSync, writeFileSync } from 'node:fs';
import { EXPORTS, IMPORTS, readExports, readImports, replaceWhole, rewrite, writeExports, writeImports } from './wasm-sections.mjs';

const [wasmFile, glueFile] = process.argv.slice(2);
if (!wasmFile || !glueFile) {
  console.error('usage: node scripts/short-glue-names.mjs FILE.wasm GLUE.js');
  process.exit(2);
}
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
/** The glue's module, as the .wasm imports it (`./headroom_bg.js`). */
const fromGlue = (module) => module.endsWith('_bg.js');
/** What the glue's module is called in the import section. */
const GLUE = 'g';
/** The exports the glue alone calls on (closures' `invoke`s, `__wbindgen_malloc`, …); not
 * `memory` and the chunk loader's `__wasm_split_shared0` or `__indirect_function_table`. */
const forGlue = (field) => /^(_ZN|__wbindgen_|__externref_)/.test(field);

/** The `n`th short name: a…z, A…Z, then two characters and more (never a reserved word). */
function short(n) {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = first + '0123456789';
  let id = first[n % first.length];
  n = Math.floor(n / first.length);
  while (n > 0) {
    n -= 1;
    id += rest[n % rest.length];
    n = Math.floor(n / rest.length);
  }
  return id;
}

// The old names by their new ones: imports, then exports (whose short names may repeat the
// imports': the two are apart in the .wasm and in the glue).
const imported = new Map();
const exported = new Map();
let glueModule;
const wasm = rewrite(readFileSync(wasmFile), (id, body) => {
  if (id === IMPORTS) {
    const entries = readImports(body);
    for (const entry of entries.filter((e) => fromGlue(e.module))) {
      glueModule = entry.module;
      entry.module = GLUE;
      imported.set(short(imported.size), entry.field);
      entry.field = short(imported.size - 1);
    }
    return writeImports(entries);
  }
  if (id === EXPORTS) {
    const entries = readExports(body);
    for (const entry of entries.filter((e) => forGlue(e.field))) {
      exported.set(short(exported.size), entry.field);
      entry.field = short(exported.size - 1);
    }
    return writeExports(entries);
  }
  return body;
});
if (imported.size === 0) fail(`${wasmFile}: no import from the glue to rename`);

let glue = readFileSync(glueFile, 'utf8');
const moduleKey = JSON.stringify(glueModule);
if (glue.split(moduleKey).length !== 2) fail(`${glueFile}: the module ${moduleKey} is not in the glue once`);
glue = glue.replace(moduleKey, GLUE);
for (const [to, from] of imported) {
  let found;
  [glue, found] = replaceWhole(glue, from, to);
  if (found === 0) fail(`${glueFile}: the import ${from} is not in the glue`);
}
// An export the glue does not call on (`__wbindgen_free` in a worker) is renamed all the same:
// nothing else calls on these.
for (const [to, from] of exported) [glue] = replaceWhole(glue, from, to);
for (const from of [...imported.values(), ...exported.values()]) {
  if (glue.includes(from)) fail(`${glueFile}: ${from} is still in the glue`);
}
writeFileSync(wasmFile, wasm);
writeFileSync(glueFile, glue);
