// Trunk post_build hook (Trunk.toml): finishes the build in $TRUNK_STAGING_DIR before Trunk
// moves it into dist/. Generic on purpose: it scans whatever files and inline scripts the build
// has, so it keeps working when the loader or the set of files changes.
//   every profile   copies public/ (manifest, icons, preview image, unhashed favicon)
//   release only    0. minifies the stylesheets (and updates their integrity hashes), and
//                      drops index.html's comments (notes for whoever edits it)
//                   1. adds a Content-Security-Policy <meta>, with the sha256 of every inline
//                      <script> and <style> of index.html
//                   2. writes sw.js with a version hashed from every file of the build and the
//                      list of those files to precache (and of those cached on first use)
// Debug builds (`trunk serve`, `make serve`) get no CSP and no service worker: Trunk's live
// reload injects an inline script when serving, and a service worker would cache dev builds.
// Usage outside Trunk: TRUNK_PROFILE=release node scripts/post-build.mjs DIR
//
// NOTE Trunk 0.21 runs all hooks of one stage concurrently: if another post_build hook changes
// index.html or adds files, run this script at its end (one hook), not as a second hook.
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const source = process.env.TRUNK_SOURCE_DIR ?? '.';
const release = process.env.TRUNK_PROFILE === 'release';
if (!dir) throw new Error('usage: TRUNK_PROFILE=release node scripts/post-build.mjs DIR');

const sha256 = (data, enc = 'base64') => createHash('sha256').update(data).digest(enc);
// sw.js is written below (release only); register-sw.js goes into start.js (build-wasm.sh).
const RUNTIME = new Set(['sw.js', 'register-sw.js']);

// Files of public/ that are referenced by fixed names (manifest icons, og:image).
for (const name of await readdir(join(source, 'public'))) {
  if (!RUNTIME.has(name)) await cp(join(source, 'public', name), join(dir, name));
}
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
// Share previews need absolute addresses: HEADROOM_SITE_URL (e.g. https://owner.github.io/headroom/,
// set by the Pages workflow) makes og:/twitter: "./…" absolute and adds og:url.
const site = process.env.HEADROOM_SITE_URL;
if (site) {
  const base = site.endsWith('/') ? site : `${site}/`;
  html = html.replace(/(<meta (?:property|name)="(?:og|twitter):[^"]+" content=")\.\/([^"]*)"/g, `$1${base}$2"`);
  html = html.replace('<meta property="og:type"', `<meta property="og:url" content="${base}" />\n    <meta property="og:type"`);
}
if (!release) {
  await writeFile(indexPath, html);
  process.exit(0);
}

// The service worker is registered by app-<hash>/start.js (build-wasm.sh).

// 0. Stylesheets without their comments and spare whitespace (Trunk's own minifier is off,
// Trunk.toml), and index.html's integrity hash of each brought up to date. About a fifth of
// the stylesheets' gzipped bytes.
for (const [tag, href] of html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/g)) {
  const path = join(dir, href);
  const css = minifyCss(await readFile(path, 'utf8'));
  await writeFile(path, css);
  const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  html = html.replace(tag, tag.replace(/integrity="[^"]*"/, `integrity="${integrity}"`));
}

// index.html's comments are notes for whoever edits it: about 600 bytes gzipped of the first
// download. Any inside an inline <script> or <style> is left as it is.
html = html.replace(/(<(script|style)\b[\s\S]*?<\/\2>)|<!--[\s\S]*?-->\s*/gi, (_, kept) => kept ?? '');

// 1. Content-Security-Policy. Pages sends no headers, so it is a <meta>; `frame-ancestors`,
// `report-uri` and `sandbox` are ignored in a <meta> and are left out.
const inline = (tag) =>
  [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi'))]
    .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs))
    .map(([, , body]) => `'sha256-${sha256(body)}'`);
const scripts = inline('script');
const styles = inline('style');
const csp = [
  "default-src 'self'",
  // 'wasm-unsafe-eval': compiling WebAssembly.
  ["script-src 'self' 'wasm-unsafe-eval'", ...scripts].join(' '),
  ["style-src 'self'", ...styles].join(' '),
  // Leptos sets a few style="…" attributes (e.g. the timeline's bar heights).
  "style-src-attr 'unsafe-inline'",
  // Icons and the inline SVG charts; data: for images a browser builds from a data URL.
  "img-src 'self' data:",
  // The workers are same-origin classic scripts (their glue and its start), no blob: needed.
  "worker-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error('index.html already has a CSP');
// Right after <meta charset>: a CSP <meta> governs only what comes after it.
html = html.replace(
  /(<meta charset[^>]*>)/i,
  `$1\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
);
if (!html.includes('Content-Security-Policy')) throw new Error('no <meta charset> in index.html');
await writeFile(indexPath, html);

/** `css` without comments, and without the whitespace that never matters: runs of it become
 * one space, and none is kept next to `{ } ; ,`, after `:` or `>`, or before `}` (a space
 * before `:` is kept: `a :hover` is not `a:hover`); strings are copied as they are. */
function minifyCss(css) {
  let out = '';
  for (let i = 0; i < css.length; ) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j + 1;
    } else if (/\s/.test(c)) {
      while (i < css.length && /\s/.test(css[i])) i++;
      const next = css[i];
      if (out && !'{};,:>'.includes(out.at(-1)) && next !== undefined && !'{};,'.includes(next)) out += ' ';
    } else {
      if (c === '}' && out.at(-1) === ';') out = out.slice(0, -1);
      out += c;
      i++;
    }
  }
  return out;
}

// 2. Service worker: every file of the build (dotfiles aside), version from their contents.
async function files(d) {
  const out = [];
  for (const entry of await readdir(d, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(d, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (entry.name !== 'sw.js') out.push(path);
  }
  return out;
}
const all = (await files(dir)).map((f) => relative(dir, f).split(sep).join('/')).sort();
const version = createHash('sha256');
for (const f of all) version.update(`${f}\0${sha256(await readFile(join(dir, f)), 'hex')}\n`);
// What only a plan with ranges fetches (the Ranges code, the trials worker) is cached when
// first fetched instead: most visitors never need it.
const onUse = (f) => /^headroom-trials|\/split_ranges_code\.wasm$/.test(f);
const precache = all.filter((f) => !onUse(f)).map((f) => `./${f}`);
const later = all.filter(onUse).map((f) => `./${f}`);
const sw = (await readFile(join(source, 'public', 'sw.js'), 'utf8'))
  .replace("'__HEADROOM_VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace("['__HEADROOM_PRECACHE__']", JSON.stringify(precache, null, 2))
  .replace("['__HEADROOM_ON_USE__']", JSON.stringify(later, null, 2));
await writeFile(join(dir, 'sw.js'), sw);
console.log(`post-build: CSP with ${scripts.length} inline script hash(es), ${styles.length} style hash(es); sw.js precaches ${precache.length} files, caches ${later.length} on first use`);
