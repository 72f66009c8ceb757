// A small static file server on 127.0.0.1 for the demo and the end-to-end tests.
//
//   node tests/e2e/lib/serve.mjs DIR [PORT]
//   import { serve } from './serve.mjs'; const s = await serve(dir, 0, { headers: (path) => ({...}) });
//
// Files whose name contains ".csp." are served with `Content-Security-Policy: script-src 'self'`
// (the strict-CSP page of the end-to-end tests), files whose name contains ".strict." with
// `default-src 'self'` (no inline styles either), unless `headers` says otherwise.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

export function serve(root, port = 0, { headers } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    let file = path.join(base, rel);
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      const h = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (path.basename(file).includes('.csp.')) h['content-security-policy'] = "script-src 'self'";
      if (path.basename(file).includes('.strict.')) h['content-security-policy'] = "default-src 'self'";
      Object.assign(h, headers ? headers(rel) : {});
      res.writeHead(200, h).end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, port: server.address().port, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections?.(); }) }));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) { console.error('usage: serve.mjs DIR [PORT]'); process.exit(2); }
  serve(dir, Number(port || 8080)).then((s) => console.log(`serving ${dir} on ${s.url}/ (Ctrl-C to stop)`))
    .catch((e) => { console.error(`serve.mjs: ${e.message}`); process.exit(1); });
}
