import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * The Content-Security-Policy of the built app. Everything comes from our own origin;
 * 'wasm-unsafe-eval' lets onnxruntime-web compile its WebAssembly; blob: workers and
 * data:/blob: images are what Phaser and ORT create at run time. The dev server gets
 * no CSP (Vite's HMR needs inline code and a websocket).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "connect-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "manifest-src 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'owaat-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      );
    },
  };
}

export default defineConfig(({ mode }) => ({
  base: './',
  define: {
    __APP_VERSION__: JSON.stringify(mode === 'next' ? `${pkg.version}+next` : pkg.version),
  },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // Phaser in a chunk of its own: an update of the game does not download the engine again.
        manualChunks: (id: string) => (id.includes('node_modules/phaser/') ? 'phaser' : undefined),
      },
    },
  },
  preview: { host: '127.0.0.1' },
  // The model worker imports onnxruntime-web dynamically, which needs ES module workers.
  worker: { format: 'es' },
  plugins: [
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      // The icons are in the precache through globPatterns already; listing them twice wastes a fetch.
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'One Word at a Time · 一次一个词',
        short_name: 'One Word',
        description:
          'See what ChatGPT does: it adds one word at a time. 看看 ChatGPT 在做什么：一次加一个词。',
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        background_color: '#fff8ec',
        theme_color: '#1f4e79',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The web manifest is added by the plugin itself. The models (onnx, vocabulary, card)
        // and the WASM runtime are precached; the WebGPU runtime (a second, 26 MB wasm) is only
        // fetched on a device with a real GPU, and cached then (runtimeCaching). Nothing else:
        // every precached file belongs to a part of scripts/size-budget.json (`npm run size:budget`).
        globPatterns: ['**/*.{js,css,html,svg,png,json,wasm,onnx}'],
        globIgnores: ['**/*.jsep*.wasm', '**/*asyncify*.wasm', '**/*jspi*.wasm', '**/fixture.json'],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /\.(jsep|asyncify|jspi)[^/]*\.wasm$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'owaat-webgpu-runtime', expiration: { maxEntries: 4 } },
          },
        ],
        // On purpose: Workbox refuses files over 2 MiB by default, and the onnxruntime-web
        // WASM runtime (about 14 MiB) and the models must be precached for offline play.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // Take control on the first visit so the game works offline without a reload;
        // a later version waits until the player agrees to reload (see src/pwa).
        clientsClaim: true,
        skipWaiting: false,
        navigateFallback: 'index.html',
      },
    }),
  ],
}));
