import { HeadroomPage } from '../e2e/page.mjs';

// The benchmark plan: the Supabase + Redis template stretched to 120 months and 5 scenarios,
// with voice, opened in `page` from the app served at `url`. Returns the plan's shape.
// `ranged`: a range on the GPU seconds per interaction too, so the Ranges panel is on the page
// (its first trials run before this returns).
export async function openLargePlan(page, url, { ranged = false } = {}) {
  await page.goto(url);
  await page.getByTestId('f-baseline-units').waitFor();
  await page.getByTestId('template').selectOption('supabase-redis');
  const before = await page.evaluate(() => localStorage.getItem('headroom.plan'));
  await page.getByTestId('load-template').click();
  // The autosave follows the edit once the page is idle: wait for the template to be saved.
  await page.waitForFunction((before) => {
    const now = localStorage.getItem('headroom.plan');
    return now !== null && now !== before;
  }, before);
  await page.evaluate((ranged) => {
    const stored = JSON.parse(localStorage.getItem('headroom.plan'));
    const plan = stored.plan;
    plan.horizon_months = 120;
    while (plan.scenarios.length < 5) {
      const copy = structuredClone(plan.scenarios[plan.scenarios.length % 3]);
      copy.name = `${copy.name} ${plan.scenarios.length + 1}`;
      plan.scenarios.push(copy);
    }
    plan.baseline.voice = {
      sessions_per_unit_per_day: 0.2,
      peak_hour_share_pct: 15,
      session_minutes: 4,
      interactions_per_session: 6,
      gpu_seconds_per_interaction: 2,
    };
    if (ranged) {
      plan.uncertainty = {
        trials: 1000,
        ranges: [
          {
            field: 'baseline.voice.gpu_seconds_per_interaction',
            distribution: { shape: 'pert', low: 1.5, likely: 2, high: 3 },
          },
        ],
      };
    }
    localStorage.setItem('headroom.plan', JSON.stringify(stored));
  }, ranged);
  await page.reload();
  await page.getByTestId('f-baseline-units').waitFor();
  // Every panel built, as after a reader has scrolled through the page once: panels below the
  // fold are otherwise built only when near the screen or after a few idle seconds.
  await new HeadroomPage(page).arrived();
  if (ranged) await page.getByTestId('trials-done').waitFor({ timeout: 120_000 });
  return page.evaluate(() => {
    const plan = JSON.parse(localStorage.getItem('headroom.plan')).plan;
    return {
      months: plan.horizon_months,
      scenarios: plan.scenarios.length,
      voice: !!plan.baseline.voice,
      ranges: plan.uncertainty?.ranges.length ?? 0,
    };
  });
}
