// Serves the built renderer for the window's `app://crm/` origin, confined to its folder, with the CSP header.
// No electron import here: main.ts plugs `rendererResponse` into protocol.handle, and tests call it directly.
import fs from 'node:fs';
import path from 'node:path';
import { CSP, MIME } from '../server/http';

export const APP_SCHEME = 'app';
export const APP_HOST = 'crm';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Whether a URL belongs to the window's own origin (`app://crm/...`). */
export function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    // Non-special schemes have an opaque origin in WHATWG URL, so compare scheme and host.
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The file for a URL path inside `root`, or null when it escapes the folder or does not exist. */
export function resolveRendererFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${decoded === '/' ? '/index.html' : decoded}`);
  if (!file.startsWith(base + path.sep)) return null;
  try {
    // realpath: a symlink inside the folder must not lead outside it either.
    const real = fs.realpathSync(file);
    if (!real.startsWith(fs.realpathSync(base) + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/** The response for a request to the app origin. The router uses the hash, so no SPA fallback is needed. */
export async function rendererResponse(root: string, requestUrl: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
  if (!isAppUrl(requestUrl)) return new Response('Not found', { status: 404, headers });
  const file = resolveRendererFile(root, new URL(requestUrl).pathname);
  if (!file) return new Response('Not found', { status: 404, headers });
  const body = await fs.promises.readFile(file);
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' } });
}
