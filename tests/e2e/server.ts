/**
 * A production preview server the test owns, so it can stop it (offline) or swap the build
 * behind the same address (a new version waiting).
 */
import type { Server } from 'node:http';
import { preview, type PreviewServer } from 'vite';

export async function startPreview(port: number, outDir = 'dist'): Promise<PreviewServer> {
  return preview({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
}

export async function stopPreview(server: PreviewServer): Promise<void> {
  const http = server.httpServer as Server;
  http.closeAllConnections?.();
  await server.close();
}
