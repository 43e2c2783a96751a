// Page object for the Headroom app: how a person finds things on the page (data-testid
// locators, labels), so tests read as what a person does.
export class HeadroomPage {
  constructor(page) {
    this.page = page;
  }

  async open(url) {
    await this.page.goto(url);
    await this.ready();
  }

  /** Waits until the app has mounted its form and every view fetched on first use has arrived. */
  async ready() {
    await this.page.getByTestId('f-baseline-units').waitFor();
    await this.arrived();
  }

  /** Waits until every view fetched on first use that is on the page has arrived. A panel
   * below the fold is only asked for once it comes near the screen (or the page has been idle
   * a few seconds): like a person reading on, this scrolls to each place still waiting, then
   * back to where the page was; then waits for no "Loading…" for four frames in a row. */
  async arrived() {
    await this.page.evaluate(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const [x, y] = [window.scrollX, window.scrollY];
      for (let i = 0; i < 20 && document.querySelector('.lazy-below'); i++) {
        document.querySelector('.lazy-below').scrollIntoView({ block: 'center' });
        await frame();
        await frame();
      }
      window.scrollTo(x, y);
      for (let quiet = 0; quiet < 4; ) {
        await frame();
        quiet = document.querySelector('.loading[role="status"]') ? 0 : quiet + 1;
      }
    });
  }

  input(testId) {
    return this.page.getByTestId(testId);
  }

  /** Replaces a field's text the way a person types it, key by key. */
  async fill(testId, text) {
    const input = this.input(testId);
    await input.click();
    await input.press('ControlOrMeta+A');
    await input.press('Backspace');
    if (text) await input.pressSequentially(text);
    await this.settled();
  }

  /** Waits until every panel has followed the last change: the panels below the fold (the
   * comparison, the charts, the timeline) take new results once the frame showing them has
   * been painted, at the next animation frame and the task after it. */
  async settled() {
    await this.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    );
  }

  /** Picks a template in the toolbar and loads it. */
  async loadTemplate(id) {
    await this.page.getByTestId('template').selectOption(id);
    await this.page.getByTestId('load-template').click();
    await this.page.getByTestId('notice').waitFor();
    await this.settled();
  }

  /** Scrolls a panel into view and waits until the page has drawn it: panels out of view are
   * not rendered (so have no layout and no innerText) until they are scrolled near. */
  async reveal(testId) {
    await this.page.getByTestId(testId).scrollIntoViewIfNeeded();
    await this.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
  }

  async tab(name) {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  async text(testId) {
    await this.settled();
    return (await this.page.getByTestId(testId).first().innerText()).trim();
  }

  async instances() {
    return this.text('app-instances');
  }

  async fieldError() {
    return this.text('field-error');
  }

  /** The autosaved plan, as the page stored it. */
  async savedPlan() {
    return this.page.evaluate(() => JSON.parse(localStorage.getItem('headroom.plan')));
  }

  /** The plans kept in My plans, newest first: `{ id, name, kind, note, text, plan }` (`plan` is
   * null when the stored text is not a plan file). */
  async keptPlans() {
    return this.page.evaluate(() => {
      const index = JSON.parse(localStorage.getItem('headroom.plans') ?? '{"entries":[]}');
      return index.entries.map((e) => {
        const text = localStorage.getItem(`headroom.plans.${e.id}`);
        let plan = null;
        try {
          plan = JSON.parse(text).plan ?? null;
        } catch {
          plan = null;
        }
        return { id: e.id, name: e.name, kind: e.kind, note: e.note, text, plan };
      });
    });
  }

  /** Opens My plans and returns the entry (a locator) whose name is `name`. */
  async keptEntry(name) {
    const panel = this.page.getByTestId('plans-panel');
    if (!(await panel.isVisible())) await this.page.getByTestId('plans-menu').click();
    // The panel is fetched on first use: wait for it before counting what it lists.
    await panel.waitFor();
    return panel.getByTestId('plan-entry').filter({
      has: this.page.getByTestId('entry-name').getByText(name, { exact: true }),
    });
  }
}
