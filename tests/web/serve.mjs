// A tiny static server for the assembled dist/: the page's own strict Content-Security-Policy as a header (the one
// index.html carries, which names its inline styles by hash, plus frame-ancestors, which only a header can set),
// brotli when the client accepts it (as a production host would), no caching headers, loopback only.
// Usage: node serve.mjs <dir> [port]  (port 0 picks a free one; prints "listening <url>")
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// index.html's policy, as a header; CSP for a folder without one.
function pagePolicy(root) {
  const page = join(root, 'index.html');
  const meta = existsSync(page) && readFileSync(page, 'utf8').match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  return meta ? `${meta[1]}; frame-ancestors 'none'` : CSP;
}

export function serve(dir, port = 0) {
  const root = resolve(dir);
  const policy = pagePolicy(root);
  const compressed = new Map();
  const brotli = (version, body) => {
    if (!compressed.has(version)) compressed.set(version, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    return compressed.get(version);
  };
  // Every file compressed before the first visit, as a host serving precompressed files answers (nginx's
  // brotli_static): compressing at quality 11 while the page loads would make the measured load wait for this
  // process and share the machine's cores with it.
  const precompress = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) precompress(file);
      else if (extname(file) !== '.png') brotli(`${file}:${statSync(file).mtimeMs}`, readFileSync(file));
    }
  };
  precompress(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const version = `${file}:${(await stat(file)).mtimeMs}`;  // a file changed on disk (a new release) is compressed anew
      const headers = {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      };
      if (/\bbr\b/.test(req.headers['accept-encoding'] || '') && extname(file) !== '.png') {
        body = brotli(version, body);
        headers['Content-Encoding'] = 'br';
        headers.Vary = 'Accept-Encoding';
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Security-Policy': policy });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve(process.argv[2] || 'dist', Number(process.argv[3] || 0));
  console.log(`listening ${url}`);
}
