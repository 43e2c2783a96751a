// Reading and writing the parts of a wasm file the build's scripts rename things in: its
// sections, and the entries of its import and export sections. Everything else is copied
// byte for byte. Used by unhashed-names.mjs, short-glue-names.mjs and short-split-names.mjs.

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
export function leb(bytes, at) {
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
export function encode(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

/** The sections (or a name section's subsections) in `bytes` from `at`: [id, body]. */
export function* sections(bytes, at) {
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    yield [id, bytes.subarray(at, at + size)];
    at += size;
  }
}

/** A section or subsection: its id, its size and its body. */
export const section = (id, body) => Buffer.concat([Buffer.from([id]), encode(body.length), body]);

/** The wasm file `bytes` with each section's body as `edit(id, body)` returns it. */
export function rewrite(bytes, edit) {
  const parts = [bytes.subarray(0, 8)];
  for (const [id, body] of sections(bytes, 8)) parts.push(section(id, edit(id, body)));
  return Buffer.concat(parts);
}

export const IMPORTS = 2;
export const EXPORTS = 7;

/** A name as wasm writes it: its length, then its UTF-8. */
const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([encode(bytes.length), bytes]);
};

/** Reads a name at `at`: [text, next offset]. */
function readName(body, at) {
  const [length, start] = leb(body, at);
  return [body.subarray(start, start + length).toString('utf8'), start + length];
}

/** The entries of an import section: `{ module, field, desc }`, `desc` the bytes after the
 * names (the kind and its type, limits or global type), kept as they are. */
export function readImports(body) {
  let [count, i] = leb(body, 0);
  const entries = [];
  for (let n = 0; n < count; n++) {
    let module;
    let field;
    [module, i] = readName(body, i);
    [field, i] = readName(body, i);
    const start = i;
    const kind = body[i++];
    const limits = () => {
      const flags = body[i++];
      [, i] = leb(body, i);
      if (flags & 1) [, i] = leb(body, i);
    };
    if (kind === 0) [, i] = leb(body, i);
    else if (kind === 1) {
      i++;
      limits();
    } else if (kind === 2) limits();
    else if (kind === 3) i += 2;
    else if (kind === 4) [, i] = leb(body, i + 1);
    else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
    entries.push({ module, field, desc: body.subarray(start, i) });
  }
  if (i !== body.length) throw new Error('the import section has bytes after its last import');
  return entries;
}

/** An import section of `entries` (as `readImports` gives them). */
export const writeImports = (entries) =>
  Buffer.concat([encode(entries.length), ...entries.flatMap((e) => [name(e.module), name(e.field), e.desc])]);

/** The entries of an export section: `{ field, desc }`, `desc` its kind and index. */
export function readExports(body) {
  let [count, i] = leb(body, 0);
  const entries = [];
  for (let n = 0; n < count; n++) {
    let field;
    [field, i] = readName(body, i);
    const start = i;
    [, i] = leb(body, i + 1);
    entries.push({ field, desc: body.subarray(start, i) });
  }
  if (i !== body.length) throw new Error('the export section has bytes after its last export');
  return entries;
}

/** An export section of `entries` (as `readExports` gives them). */
export const writeExports = (entries) =>
  Buffer.concat([encode(entries.length), ...entries.flatMap((e) => [name(e.field), e.desc])]);

/** `text` with every whole identifier `from` (not part of a longer name) replaced by `to`;
 * and how many there were. */
export function replaceWhole(text, from, to) {
  const whole = new RegExp(`(?<![\\w$])${from.replace(/[$]/g, '\\$')}(?![\\w$])`, 'g');
  let found = 0;
  const replaced = text.replace(whole, () => {
    found++;
    return to;
  });
  return [replaced, found];
}
