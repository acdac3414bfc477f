import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';

/** Paths the web console's files answer: its page, and Vite's hashed assets. */
export function isWebConsolePath(path: string): boolean {
  return path === '/' || path === '/index.html' || path.startsWith('/assets/') || path === '/favicon.svg';
}

/**
 * The console is a page: its own scripts and styles (inline styles too: the graph library positions
 * nodes with them), data: images, and calls to this host only. No framing; no CDN anywhere.
 */
export function webConsoleHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/**
 * Serves the built web console (apps/web/dist) at `/`, when `root` holds one: the page is never cached
 * (a new build shows at once), the hashed assets for a year. Routes are in the URL's hash, so no path
 * falls back to the page. Returns whether a console is served.
 */
export function serveWebConsole(app: INestApplication, root: string | undefined): boolean {
  if (root === undefined || !existsSync(join(root, 'index.html'))) return false;
  const files = express.static(root, {
    index: 'index.html',
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  app.use((req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], next: Parameters<RequestHandler>[2]) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && isWebConsolePath(req.path)) files(req, res, next);
    else next();
  });
  return true;
}
