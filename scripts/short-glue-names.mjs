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

const [wasmFile, glueFile] = process.argv.slice(2);
if (!wasmFile || !glueFile) {
  console.error('usage: node scripts/short-glue-names.mjs FILE.wasm GLUE.js');
  process.exit(2);
}
const fromGlue = (module) => module.endsWith('_bg.js');

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** An unsigned LEB128. */
function encode(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([encode(bytes.length), bytes]);
};

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

/** What the glue's module is called in the import section. */
const GLUE = 'g';
let glueModule;

/** The import section rewritten, and the old names by their new ones. */
function rename(body) {
  let [count, i] = leb(body, 0);
  const parts = [encode(count)];
  const renamed = new Map();
  for (let n = 0; n < count; n++) {
    let length;
    [length, i] = leb(body, i);
    const module = body.subarray(i, i + length).toString('utf8');
    i += length;
    [length, i] = leb(body, i);
    const field = body.subarray(i, i + length).toString('utf8');
    i += length;
    // The import's description: its kind and what follows (a type, limits or a global type).
    const start = i;
    const kind = body[i++];
    const limits = () => {
      const flags = body[i++];
      [, i] = leb(body, i);
      if (flags & 1) [, i] = leb(body, i);
    };
    if (kind === 0) [, i] = leb(body, i);
    else if (kind === 1) { i++; limits(); }
    else if (kind === 2) limits();
    else if (kind === 3) i += 2;
    else if (kind === 4) { i++; [, i] = leb(body, i); }
    else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
    let newField = field;
    if (fromGlue(module)) {
      newField = short(renamed.size);
      renamed.set(newField, field);
    }
    parts.push(name(fromGlue(module) ? GLUE : module), name(newField), body.subarray(start, i));
    if (fromGlue(module)) glueModule = module;
  }
  if (i !== body.length) throw new Error('the import section has bytes after its last import');
  return [Buffer.concat(parts), renamed];
}

/** The functions and tables the glue alone calls on (closures' `invoke`s, `__wbindgen_malloc`,
 * …); not `memory` and the chunk loader's `__wasm_split_shared0` or
 * `__indirect_function_table`. */
const forGlue = (field) => /^(_ZN|__wbindgen_|__externref_)/.test(field);

/** The export section rewritten, and the old names of the exports renamed by their new ones. */
function renameExports(body) {
  let [count, i] = leb(body, 0);
  const parts = [encode(count)];
  const renamed = new Map();
  for (let n = 0; n < count; n++) {
    let length;
    [length, i] = leb(body, i);
    const field = body.subarray(i, i + length).toString('utf8');
    i += length;
    const start = i;
    i++;
    [, i] = leb(body, i);
    let newField = field;
    if (forGlue(field)) {
      newField = short(renamed.size);
      renamed.set(newField, field);
    }
    parts.push(name(newField), body.subarray(start, i));
  }
  if (i !== body.length) throw new Error('the export section has bytes after its last export');
  return [Buffer.concat(parts), renamed];
}

const bytes = readFileSync(wasmFile);
const parts = [bytes.subarray(0, 8)];
let renamed = new Map();
let exported = new Map();
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at];
  const [size, bodyAt] = leb(bytes, at + 1);
  let body = bytes.subarray(bodyAt, bodyAt + size);
  if (id === 2) [body, renamed] = rename(body);
  if (id === 7) [body, exported] = renameExports(body);
  parts.push(Buffer.from([id]), encode(body.length), body);
  at = bodyAt + size;
}
if (renamed.size === 0) {
  console.error(`${wasmFile}: no import from the glue to rename`);
  process.exit(1);
}

let glue = readFileSync(glueFile, 'utf8');
const escape = (s) => s.replace(/[$]/g, '\\$');
// An export the glue does not call on (`__wbindgen_free` in a worker) is renamed all the same:
// nothing else calls on these.
for (const [to, from, needed] of [
  ...[...renamed].map(([to, from]) => [to, from, true]),
  ...[...exported].map(([to, from]) => [to, from, false]),
]) {
  const whole = new RegExp(`(?<![\\w$])${escape(from)}(?![\\w$])`, 'g');
  if (needed && !whole.test(glue)) {
    console.error(`${glueFile}: the import ${from} is not in the glue`);
    process.exit(1);
  }
  glue = glue.replace(whole, to);
}
const moduleKey = JSON.stringify(glueModule);
if (glue.split(moduleKey).length !== 2) {
  console.error(`${glueFile}: the module ${moduleKey} is not in the glue once`);
  process.exit(1);
}
glue = glue.replace(moduleKey, GLUE);
for (const from of [...renamed.values(), ...exported.values()]) {
  if (glue.includes(from)) {
    console.error(`${glueFile}: ${from} is still in the glue`);
    process.exit(1);
  }
}
writeFileSync(wasmFile, Buffer.concat(parts));
writeFileSync(glueFile, glue);
