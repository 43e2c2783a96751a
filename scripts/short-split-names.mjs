// Gives the names the split views share with the app short names, in every file of the app's
// directory. Usage: node scripts/short-split-names.mjs APP-DIR
//
// Each view split out of the app (split_*.wasm) and each chunk of shared code (chunk_*.wasm)
// imports what it needs of the app from a module `__wasm_split`: the function table
// (`__indirect_function_table`) and the shared globals (`__wasm_split_shared0`, …), which the
// app exports under the same names and the chunk loader (`__wasm_split.js`) hands over. Those
// long names are in every one of twenty files, where gzip has nothing to match them with.
// Here they become `_w` (the module), `_t` (the table) and `_s0`, … (the globals) in the
// .wasm files and in the scripts alike (BENCHMARKS.md). So do the functions the app imports
// from the chunk loader to fetch each view (`__wasm_split_load_below_tables`: `_l0`, …).
// `memory` keeps its name: the glue reads it too, and it is short.
//
// Runs after scripts/short-glue-names.mjs, whose names are letters only: these start with `_`.
// Every old name must be found where it is expected and none may be left afterwards, or
// nothing is written and the build stops.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORTS, IMPORTS, readExports, readImports, replaceWhole, rewrite, writeExports, writeImports } from './wasm-sections.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/short-split-names.mjs APP-DIR');
  process.exit(2);
}
const fail = (message) => {
  console.error(`${dir}: ${message}`);
  process.exit(1);
};
/** The module the split views import the app's table and globals from. */
const MODULE = '__wasm_split';
/** The new name of one of those (as the views import it and the app exports it), or
 * undefined. */
const shared = (field) =>
  field === '__indirect_function_table'
    ? '_t'
    : /^__wasm_split_shared\d+$/.test(field)
      ? `_s${field.slice('__wasm_split_shared'.length)}`
      : undefined;
// The app imports each split view's loader from the chunk loader by the view's name.
const LOADER = './__wasm_split.js';
const LOAD = '__wasm_split_load_';
/** The loaders' new names (`_l0`, …) by their old ones, as the app's imports name them. */
const loads = new Map();

const files = readdirSync(dir);
const written = new Map();
for (const file of files.filter((f) => f.endsWith('.wasm'))) {
  let renamed = 0;
  const bytes = rewrite(readFileSync(join(dir, file)), (id, body) => {
    if (id === IMPORTS) {
      const entries = readImports(body);
      for (const entry of entries) {
        if (entry.module === MODULE) {
          entry.module = '_w';
          entry.field = shared(entry.field) ?? entry.field;
          renamed++;
        } else if (entry.module === LOADER && entry.field.startsWith(LOAD)) {
          if (!loads.has(entry.field)) loads.set(entry.field, `_l${loads.size}`);
          entry.field = loads.get(entry.field);
          renamed++;
        }
      }
      return writeImports(entries);
    }
    if (id === EXPORTS) {
      const entries = readExports(body);
      for (const entry of entries.filter((e) => shared(e.field))) {
        entry.field = shared(entry.field);
        renamed++;
      }
      return writeExports(entries);
    }
    return body;
  });
  if (renamed === 0) fail(`${file} has no name of the split views to rename`);
  written.set(file, bytes);
}
// In the scripts: the loader's object of what the views import (`{__wasm_split: {…}}`), the
// app's exports it reads, and its loaders. `./__wasm_split.js`, its own address, stays.
const words = [
  [/(?<![\w$/])__wasm_split(?![\w$]|\.js)/g, '_w'],
  [/(?<![\w$])__indirect_function_table(?![\w$])/g, '_t'],
  [/(?<![\w$])__wasm_split_shared(\d+)(?![\w$])/g, '_s$1'],
];
const left = /(?<![\w$/])__wasm_split(?![\w$]|\.js)|__indirect_function_table|__wasm_split_shared\d|__wasm_split_load_/;
let loaderFound = false;
for (const file of files.filter((f) => f.endsWith('.js'))) {
  let text = readFileSync(join(dir, file), 'utf8');
  const before = text;
  for (const [pattern, to] of words) text = text.replace(pattern, to);
  for (const [from, to] of loads) [text] = replaceWhole(text, from, to);
  if (file === '__wasm_split.js') {
    loaderFound = true;
    if (text === before) fail('the chunk loader has none of the names to rename');
  }
  if (left.test(text)) fail(`${file} still has a name of the split views`);
  if (text !== before) written.set(file, text);
}
if (!loaderFound) fail('no chunk loader (__wasm_split.js)');
for (const [file, content] of written) writeFileSync(join(dir, file), content);
