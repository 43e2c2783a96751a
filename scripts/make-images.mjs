// Renders the committed PNG images under public/ with the local Chromium (no network):
//   public/icon-192.png, public/icon-512.png   app icons (the favicon on a full-bleed square,
//                                              with a safe zone so they also serve as "maskable")
//   public/og-image.png                        1200×630 Open Graph / Twitter preview
// Run after changing public/favicon.svg or the preview text: `node scripts/make-images.mjs`.
// The outputs are committed, so builds never run this.
import { readFile } from 'node:fs/promises';
import { launchChromium } from '../tests/e2e/harness.mjs';

const svg = (await readFile('public/favicon.svg', 'utf8')).trim();
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await launchChromium();
const page = await browser.newPage();

async function render(html, width, height, path) {
  await page.setViewportSize({ width, height });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${html}</body></html>`);
  await page.screenshot({ path, clip: { x: 0, y: 0, width, height } });
  console.log(`wrote ${path} (${width}×${height})`);
}

for (const size of [192, 512]) {
  // The favicon's own background fills the square; the mark sits in the central 80 %.
  const inner = Math.round(size * 0.8);
  await render(
    `<div style="width:${size}px;height:${size}px;background:#17324d;display:grid;place-items:center">
       <img src="${dataUrl}" width="${inner}" height="${inner}"></div>`,
    size, size, `public/icon-${size}.png`,
  );
}

await render(
  `<div style="width:1200px;height:630px;box-sizing:border-box;padding:80px 90px;background:#17324d;
     color:#e3eaf1;font-family:system-ui,'DejaVu Sans',sans-serif;display:flex;flex-direction:column;justify-content:center;gap:28px">
     <div style="display:flex;align-items:center;gap:32px">
       <img src="${dataUrl}" width="120" height="120">
       <div style="font-size:96px;font-weight:700;letter-spacing:-1px">Headroom</div>
     </div>
     <div style="font-size:48px;color:#7fd1b9;font-weight:600">What do we need, when, and what will it cost?</div>
     <div style="font-size:32px;line-height:1.4;color:#c9d6e2">Capacity planning in your browser: demand, growth, instances,
       headroom and cost, with nothing sent to a server.</div>
   </div>`,
  1200, 630, 'public/og-image.png',
);
await browser.close();
