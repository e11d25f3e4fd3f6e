/**
 * What the README tells a newcomer about `npm start`: it serves the built game until Ctrl+C, on
 * port 4173, or on another one with `npm start -- --port N` (npm hands the words after `--` to
 * the server, whose last --port wins). Checked on `npm run preview`, which is `npm start`
 * without the build (the e2e run has built the game already).
 */
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import pkg from '../../package.json' with { type: 'json' };

test('npm start -- --port N serves the game on port N until it is stopped (Ctrl+C)', async ({ request }) => {
  expect(pkg.scripts.start).toBe(`vite build && ${pkg.scripts.preview}`);
  const port = Number(process.env.E2E_PORT ?? 4173) + 7;
  const server = spawn('npm', ['run', 'preview', '--', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let said = '';
  server.stdout.on('data', (d: Buffer) => (said += d.toString()));
  server.stderr.on('data', (d: Buffer) => (said += d.toString()));
  const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
  try {
    // The address it prints (without its colours).
    const printed = () => said.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    await expect.poll(printed, { timeout: 30_000 }).toContain(`Local:   http://127.0.0.1:${port}/`);
    const page = await request.get(`http://127.0.0.1:${port}/`);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain('id="game"');
    // Still serving a while later: it does not stop by itself.
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.exitCode).toBeNull();
    expect((await request.get(`http://127.0.0.1:${port}/`)).status()).toBe(200);
  } finally {
    // Ctrl+C: SIGINT to the whole group (npm and the server under it).
    if (server.pid) process.kill(-server.pid, 'SIGINT');
    await exited;
  }
});
