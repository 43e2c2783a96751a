// The page's long tasks from navigation until it is quiet: what Lighthouse's Total Blocking Time
// is made of. A phone-sized page (412 × 823, as Lighthouse's mobile preset), the CPU slowed 4×,
// dist/ served with gzip; prints every main-thread task of 30 ms or more with what fills it
// (script, style, layout, paint, HTML parsing, timers), and the blocking time (each task's time
// beyond 50 ms) summed. Runs N loads and prints the median blocking time.
//
//   make release && node tests/bench/startup-tasks.mjs [loads=3] [dist=dist] [hash=]
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';

const loads = Number(process.argv[2] ?? 3);
const server = await serveDist(process.argv[3] ?? 'dist', { gzip: true });
const hash = process.argv[4] ?? '';
const browser = await launchChromium();
const PARTS = ['FunctionCall', 'TimerFire', 'RunMicrotasks', 'EvaluateScript', 'v8.compile', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'ParseHTML', 'ParseAuthorStyleSheet', 'MajorGC', 'MinorGC', 'FireAnimationFrame', 'EventDispatch'];
const blocking = [];
for (let n = 0; n < loads; n++) {
  // DESKTOP=1: Lighthouse's desktop screen (1350 × 940) instead of its phone.
  const screen = process.env.DESKTOP
    ? { viewport: { width: 1350, height: 940 }, deviceScaleFactor: 1 }
    : { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true };
  const context = await browser.newContext({ ...screen, bypassCSP: !!process.env.CSS });
  // CSS=... adds a rule before the page's own (to try one without a build).
  if (process.env.CSS) {
    await context.addInitScript((css) => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = css;
        document.head.append(style);
      });
    }, process.env.CSS);
  }
  // Layout shifts as Lighthouse sums them (cumulative, without recent input).
  await context.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__shifts += e.value;
        // SHIFTS=1: what moved, for each shift.
        for (const source of e.sources ?? []) {
          const n = source.node;
          const name = n ? `${n.nodeName.toLowerCase()}${n.id ? '#' + n.id : ''}.${[...(n.classList ?? [])].join('.')}` : '?';
          (window.__sources ??= []).push(`${e.value.toFixed(3)} at ${Math.round(e.startTime)} ms: ${name} ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)} (h ${Math.round(source.currentRect.height)})`);
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,loading',
    transferMode: 'ReportEvents',
  });
  await page.goto(server.url + hash);
  await page.getByTestId('app-instances').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(6000);
  const shifts = await page.evaluate(() => window.__shifts);
  if (process.env.SHIFTS) console.log((await page.evaluate(() => window.__sources ?? [])).join('\n'));
  await cdp.send('Tracing.end');
  await done;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((f) => f.tid === e.tid && f.name === 'ParseHTML'));
  const onMain = events.filter((e) => e.ph === 'X' && e.tid === main.tid).sort((a, b) => a.ts - b.ts);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur >= 30_000);
  const t0 = onMain.find((e) => e.name === 'ParseHTML')?.ts ?? onMain[0].ts;
  let tbt = 0;
  console.log(`load ${n + 1}${hash ? ' ' + hash.slice(0, 20) : ''}`);
  for (const task of tasks) {
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && PARTS.includes(e.name));
    const parts = {};
    // Only the outermost event of each kind counts (a FunctionCall inside a TimerFire is not added twice).
    for (const e of inside) {
      const outer = inside.find((o) => o !== e && o.name === e.name && o.ts <= e.ts && e.ts + e.dur <= o.ts + o.dur);
      if (!outer) parts[e.name] = (parts[e.name] ?? 0) + e.dur / 1000;
    }
    const ms = task.dur / 1000;
    tbt += Math.max(0, ms - 50);
    // How many layout objects the task laid out (deterministic, unlike its time).
    const objects = inside.filter((e) => e.name === 'Layout').reduce((a, e) => a + (e.args?.beginData?.dirtyObjects ?? 0), 0);
    if (objects) parts[`objects=${objects}`] = 0;
    const what = Object.entries(parts).sort((a, b) => b[1] - a[1]).slice(0, 7).map(([k, v]) => (k.includes('=') ? k : `${k} ${v.toFixed(0)}`)).join(', ');
    console.log(`  at ${((task.ts - t0) / 1000).toFixed(0).padStart(5)} ms  ${ms.toFixed(0).padStart(4)} ms  ${what}`);
  }
  console.log(`  blocking time ${tbt.toFixed(0)} ms, layout shift ${shifts.toFixed(3)}`);
  blocking.push(tbt);
  await context.close();
}
const sorted = [...blocking].sort((a, b) => a - b);
console.log(`median blocking time over ${loads} loads: ${sorted[Math.floor(loads / 2)].toFixed(0)} ms`);
await browser.close();
await server.close();
