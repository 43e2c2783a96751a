// A static file server that serves dist/ under /headroom/, as GitHub Pages serves a project
// site: /headroom redirects to /headroom/, anything outside the prefix is a 404. With
// `gzip: true` it compresses text and wasm as Pages does (for scripts/lighthouse.sh).
// Standalone: node tests/e2e/server.mjs [--gzip] [--port N] [dist-dir]   prints the URL.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};
// What GitHub Pages compresses: everything but images that are compressed already.
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json', '.webmanifest']);

export const PREFIX = '/headroom/';

/** Starts the server on a free loopback port (or `port`); resolves to { url, close }. */
export async function serveDist(distDir = 'dist', { gzip = false, port = 0 } = {}) {
  const root = resolve(distDir);
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === PREFIX.slice(0, -1)) {
      res.writeHead(301, { Location: PREFIX }).end();
      return;
    }
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = decodeURIComponent(path.slice(PREFIX.length)) || 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 6 });
        headers['Content-Encoding'] = 'gzip';
        headers.Vary = 'Accept-Encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}${PREFIX}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args.splice(portAt, 2)[1]) : 0;
  const gzip = args.includes('--gzip');
  const dir = args.filter((a) => a !== '--gzip')[0] ?? 'dist';
  const { url } = await serveDist(dir, { gzip, port });
  console.log(url);
}
