import { promises as fsp } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Chromium } from './chromium.js';
import type { ProjectContext } from '../engine/project.js';

export interface RenderSession {
  /** The scan's Chromium, its pages limited to the loopback file server. */
  chromium: Chromium;
  /** Base URL of a loopback server serving the scan root (pages load their own CSS and scripts). */
  baseUrl: string;
  /** Replace a page's HTML when it is served (to annotate elements with their source offsets). */
  override: Map<string, string>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.htm': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif', '.woff2': 'font/woff2', '.json': 'application/json' };

export interface DirServer {
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  /** Replace a file's content when it is served, by its path relative to the root (POSIX). */
  override: Map<string, string>;
  close(): Promise<void>;
}

/** A loopback-only HTTP server over one folder (nothing outside it is served). */
export async function serveDir(dir: string): Promise<DirServer> {
  const override = new Map<string, string>();
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel: string;
    try {
      rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const abs = path.resolve(root, rel);
    if (abs !== root && !abs.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    const body = override.get(rel);
    const type = TYPES[path.extname(abs).toLowerCase()] ?? 'application/octet-stream';
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
      return;
    }
    fsp.readFile(abs).then(
      (buf) => res.writeHead(200, { 'content-type': type }).end(buf),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    override,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A headless Chromium and a loopback file server for the scan root, started once per scan. */
export function renderSession(project: ProjectContext): Promise<RenderSession | { error: string }> {
  return project.memo('render:session', async () => {
    const server = await serveDir(project.root);
    // nothing leaves the machine: only the loopback file server answers
    const chromium = await Chromium.launch(async (browser) => {
      const context = await browser.newContext();
      await context.route('**/*', (route) => (route.request().url().startsWith(server.baseUrl) ? route.continue() : route.abort()));
      return context;
    });
    if ('error' in chromium) {
      await server.close();
      return chromium;
    }
    const session: RenderSession = {
      chromium,
      baseUrl: server.baseUrl,
      override: server.override,
      async close() {
        await chromium.close();
        await server.close();
      },
    };
    project.onFinish?.(() => session.close());
    return session;
  });
}
