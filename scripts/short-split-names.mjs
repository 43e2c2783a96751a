// Gives the names the split views share with the app short names, in every file of the app's
// directory. Usage: node scripts/short-split-names.mjs APP-DIR
//
// Each view split out of the app (split_*.wasm) and each chunk of shared code (chunk_*.wasm)
// imports what it needs of the app from a module `__wasm_split`: the function table
// (`__indirect_function_table`) and the shared globals (`__wasm_split_shared0`, …), which the
// app exports under the same names and the chunk loader (`__wasm_split.js`) hands over. Those
// long names are in every one of twenty files, where gzip has nothing to match them with.
// Here they become `_w` (the module), `_t` (the table) and `_s0`, … (the globals) in the
// .wasm files and in the scripts alike (BENCHMARKS.md). `memory` keeps its name: the glue reads
// it too, and it is short.
//
// Runs after scripts/short-glue-names.mjs, whose names are letters only: these start with `_`.
// Every old name must be found where it is expected and none may be left afterwards, or
// nothing is written and the build stops.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/short-split-names.mjs APP-DIR');
  process.exit(2);
}
const MODULE = '__wasm_split';
/** The new name of an import or export, or undefined to keep it. */
const rename = (field) =>
  field === '__indirect_function_table'
    ? '_t'
    : /^__wasm_split_shared\d+$/.test(field)
      ? `_s${field.slice('__wasm_split_shared'.length)}`
      : undefined;

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

/** The import section with the module `__wasm_split` and its names renamed; and how many. */
function imports(body) {
  let [count, i] = leb(body, 0);
  const parts = [encode(count)];
  let renamed = 0;
  for (let n = 0; n < count; n++) {
    let length;
    [length, i] = leb(body, i);
    let module = body.subarray(i, i + length).toString('utf8');
    i += length;
    [length, i] = leb(body, i);
    let field = body.subarray(i, i + length).toString('utf8');
    i += length;
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
    if (module === MODULE) {
      module = '_w';
      field = rename(field) ?? field;
      renamed++;
    }
    parts.push(name(module), name(field), body.subarray(start, i));
  }
  if (i !== body.length) throw new Error('the import section has bytes after its last import');
  return [Buffer.concat(parts), renamed];
}

/** The export section with the table and the shared globals renamed; and how many. */
function exports(body) {
  let [count, i] = leb(body, 0);
  const parts = [encode(count)];
  let renamed = 0;
  for (let n = 0; n < count; n++) {
    let length;
    [length, i] = leb(body, i);
    let field = body.subarray(i, i + length).toString('utf8');
    i += length;
    const start = i;
    i++;
    [, i] = leb(body, i);
    if (rename(field)) {
      field = rename(field);
      renamed++;
    }
    parts.push(name(field), body.subarray(start, i));
  }
  if (i !== body.length) throw new Error('the export section has bytes after its last export');
  return [Buffer.concat(parts), renamed];
}

/** The file with its import and export sections rewritten; and how many names changed. */
function rewrite(bytes) {
  const parts = [bytes.subarray(0, 8)];
  let renamed = 0;
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, bodyAt] = leb(bytes, at + 1);
    let body = bytes.subarray(bodyAt, bodyAt + size);
    let n = 0;
    if (id === 2) [body, n] = imports(body);
    if (id === 7) [body, n] = exports(body);
    renamed += n;
    parts.push(Buffer.from([id]), encode(body.length), body);
    at = bodyAt + size;
  }
  return [Buffer.concat(parts), renamed];
}

const fail = (message) => {
  console.error(`${dir}: ${message}`);
  process.exit(1);
};
const files = readdirSync(dir);
const written = new Map();
for (const file of files.filter((f) => f.endsWith('.wasm'))) {
  const [bytes, renamed] = rewrite(readFileSync(join(dir, file)));
  if (renamed === 0) fail(`${file} has no name of the split views to rename`);
  written.set(file, bytes);
}
// In the scripts: the loader's object of what the views import (`{__wasm_split: {…}}`), and
// the app's exports it reads. `./__wasm_split.js`, the loader's own address, stays.
const words = [
  [/(?<![\w$/])__wasm_split(?![\w$]|\.js)/g, '_w'],
  [/(?<![\w$])__indirect_function_table(?![\w$])/g, '_t'],
  [/(?<![\w$])__wasm_split_shared(\d+)(?![\w$])/g, '_s$1'],
];
let loaderFound = false;
for (const file of files.filter((f) => f.endsWith('.js'))) {
  let text = readFileSync(join(dir, file), 'utf8');
  const before = text;
  for (const [pattern, to] of words) text = text.replace(pattern, to);
  if (file === '__wasm_split.js') {
    loaderFound = true;
    if (text === before) fail('the chunk loader has none of the names to rename');
  }
  if (/(?<![\w$/])__wasm_split(?![\w$]|\.js)|__indirect_function_table|__wasm_split_shared\d/.test(text)) {
    fail(`${file} still has a name of the split views`);
  }
  if (text !== before) written.set(file, text);
}
if (!loaderFound) fail('no chunk loader (__wasm_split.js)');
for (const [file, content] of written) writeFileSync(join(dir, file), content);
