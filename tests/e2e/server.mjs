// A static file server that serves dist/ under /headroom/, as GitHub Pages serves a project
// site: /headroom redirects to /headroom/, anything outside the prefix is a 404.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export const PREFIX = '/headroom/';

/** Starts the server on a free loopback port; resolves to { url, close }. */
export async function serveDist(distDir = 'dist') {
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
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
