import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir, listOperations, loadBundle } from './support/openapi.js';

// The built docs page, served the way a static host would serve it.
const html = readFileSync(`${distDir}index.html`);
const operations = listOperations(loadBundle());

let server: Server;
let browser: Browser;
let page: Page;
let origin: string;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const found = request.url === '/' || request.url === '/index.html';
    response.writeHead(found ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(found ? html : 'not found');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    // Debian's chromium (never a downloaded browser); CHROMIUM_PATH points elsewhere when needed.
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((closed) => server?.close(closed));
});

describe('offline API docs (dist/index.html)', () => {
  it('renders the API title', async () => {
    await expect(page.title()).resolves.toBe('Cloudflare RealtimeKit Sessions API');
  });

  it.each(operations.map((entry) => ({ ...entry, operationId: entry.operation.operationId })))(
    'renders $operationId with all its parameters',
    async ({ operation, parameters }) => {
      // Redoc routes by hash (`#/<tag>/<operationid>`): find the sidebar link and follow it.
      const link = page.locator(`a[href$="/${operation.operationId.toLowerCase()}"]`).first();
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^#\//);
      await page.goto(`${origin}/${href}`);
      const content = page.locator('#api-content');
      await content.locator('h2', { hasText: operation.summary }).first().waitFor();
      for (const parameter of parameters) {
        // Each parameter row carries a deep link ending in `<operationid>/t=request&in=<in>&path=<name>`.
        const anchor = `${operation.operationId.toLowerCase()}/t=request&in=${parameter.in}&path=${parameter.name}`;
        const row = content.locator(`a[href$="${anchor}"]`);
        expect(await row.count(), `${parameter.in} parameter ${parameter.name}`).toBeGreaterThan(0);
        await expect(content.getByText(parameter.name, { exact: true }).first().isVisible()).resolves.toBe(
          true,
        );
      }
    },
  );

  it('logs no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('requests nothing but the page itself (no CDN, fonts or telemetry)', () => {
    expect(requests.length).toBeGreaterThan(0);
    const external = requests.filter((url) => {
      if (url.startsWith('data:')) return false;
      const { protocol, hostname } = new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url);
      return !(['http:', 'https:'].includes(protocol) && ['127.0.0.1', 'localhost'].includes(hostname));
    });
    expect(external).toEqual([]);
  });
});
