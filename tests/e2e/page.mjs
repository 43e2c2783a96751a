// Page object for the Headroom app: how a person finds things on the page.
export class HeadroomPage {
  constructor(page) {
    this.page = page;
  }

  async open(url) {
    await this.page.goto(url);
    await this.ready();
  }

  /** Waits until the app has mounted its form. */
  async ready() {
    await this.page.getByTestId('f-baseline-units').waitFor();
  }

  input(key) {
    return this.page.getByTestId(key);
  }

  /** Replaces a field's text the way a person types it, key by key. */
  async fill(key, text) {
    const input = this.input(key);
    await input.click();
    await input.press('ControlOrMeta+A');
    await input.press('Backspace');
    if (text) await input.pressSequentially(text);
  }

  async instances() {
    return (await this.page.getByTestId('app-instances').innerText()).trim();
  }

  async fieldError() {
    return (await this.page.getByTestId('field-error').innerText()).trim();
  }
}
