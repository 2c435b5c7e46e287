import type { NestExpressApplication } from '@nestjs/platform-express';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** Paths that belong to the service, never to the dashboard's client-side routes. */
const SERVICE_PATHS = [/^\/api(\/|$)/, /^\/live(\/|$)/, /^\/metrics(\/|$)/, /^\/asyncapi\.json$/];

export const isDashboardRoute = (method: string | undefined, url: string | undefined): boolean => {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = new URL(url ?? '/', 'http://localhost').pathname;
  // A path with a file extension is an asset: a miss is a 404, not the app.
  return !SERVICE_PATHS.some((p) => p.test(pathname)) && path.extname(pathname) === '';
};

/**
 * Serves the built dashboard (dashboard/dist) at /, when it has been built: its files as they
 * are, and index.html for any other page path (the dashboard routes on the client).
 */
export const serveDashboard = (app: NestExpressApplication, dir: string | undefined): boolean => {
  if (dir === undefined) return false;
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  app.useStaticAssets(dir, { index: 'index.html', fallthrough: true, maxAge: '1h', setHeaders: (res, file) => {
    // index.html names the hashed assets of the current build: never cache it.
    if (file.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
  } });
  const html = fs.readFileSync(index);
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (!isDashboardRoute(req.method, req.url) || !(req.headers.accept ?? '').includes('text/html')) {
      next();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : html);
  });
  return true;
};
