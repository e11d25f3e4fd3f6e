// Renders public/icons/icon.svg to the PNG icons the manifest lists, with Debian's Chromium.
// Run `npm run icons` after changing the SVG; the PNGs are committed.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../public/icons/icon.svg', import.meta.url), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
const render = async (file, size, maskable) => {
  await page.setViewportSize({ width: size, height: size });
  // A maskable icon keeps its drawing inside the central 80 % safe zone on a full-bleed background.
  const inner = maskable ? Math.round(size * 0.72) : size;
  await page.setContent(
    `<body style="margin:0;background:${maskable ? '#1f4e79' : 'transparent'};display:grid;place-items:center;height:${size}px">` +
      `<img src="${dataUrl}" width="${inner}" height="${inner}"></body>`,
  );
  await page.screenshot({ path: `public/icons/${file}`, omitBackground: !maskable });
};
await render('icon-192.png', 192, false);
await render('icon-512.png', 512, false);
await render('maskable-512.png', 512, true);
await browser.close();
