// A small static server for tests that publish one build after another under the reader: it serves
// a build the way deploy/nginx.conf does (pages, shell fallback), from a root the test switches.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
  '.bin': 'application/octet-stream', '.xml': 'application/xml', '.txt': 'text/plain',
};

/** Starts the server on 127.0.0.1 (a free port); `seen` hears every request's path and the root it was served from. */
export async function serveBuild(root: { dir: string }, seen?: (pathname: string, dir: string) => void) {
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen?.(url.pathname, root.dir);
    let file = path.join(root.dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(root.dir)) { res.writeHead(400).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file)) { status = 404; file = path.join(root.dir, 'shell.html'); }
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => srv.close() };
}
