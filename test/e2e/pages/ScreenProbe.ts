// Page object for checks that hold on every screen: Latin text in what a user sees or hears, and truncated badges or header cells.
import type { Page } from 'playwright-core';

export interface Finding {
  where: string;
  text: string;
}

/**
 * Latin words a Russian UI may show: key names on the keyboard, file formats, protocols and K+ system codes (all
 * capitals), codes with digits (distribution numbers), e-mail addresses, host and file names, and «e-mail» itself,
 * the usual word in Russian office forms.
 */
const ALLOWED = /^(Ctrl|Alt|Shift|Enter|Esc|Tab|Backspace|Delete|[A-Z0-9_]+|[\w.+-]+@[\w.-]+|\w*\d\w*|[\w-]+(\.[\w-]+)+|[Ee]-mail)$/;

export class ScreenProbe {
  constructor(readonly page: Page) {}

  /** Opens a route of the app (the part after '#') and waits for the screen to settle. */
  async go(route: string): Promise<void> {
    // Not 'networkidle': the push stream is a request that stays open, so the network is never idle while a screen
    // listens, and every call would wait out the whole timeout on a loaded machine.
    await this.page.evaluate(`window.location.hash = ${JSON.stringify(route)}`);
    await this.page.waitForFunction(`window.location.hash === ${JSON.stringify(`#${route}`)}`, undefined, { timeout: 10_000 });
    await this.page.waitForTimeout(150);
    // Screens show a loader while their data comes; a screen that keeps one (a long job) is probed as it is.
    await this.page.waitForFunction(`!document.querySelector('.mantine-Loader-root')`, undefined, { timeout: 10_000 }).catch(() => undefined);
    await this.page.waitForTimeout(250);
  }

  /** The data-testid of the element that has keyboard focus. */
  focused(): Promise<string | null> {
    return this.page.evaluate(`document.activeElement?.getAttribute('data-testid') ?? null`);
  }

  hash(): Promise<string> {
    return this.page.evaluate('window.location.hash');
  }

  /** Heights in px of the visible elements matching `selector`. */
  heights(selector: string): Promise<number[]> {
    return this.page.evaluate(`Array.from(document.querySelectorAll(${JSON.stringify(selector)})).filter((el) => el.checkVisibility()).map((el) => el.getBoundingClientRect().height)`);
  }

  /** Visible text nodes, and aria-label / title / placeholder / alt of rendered elements, that hold Latin words. */
  async latin(data: readonly string[] = []): Promise<Finding[]> {
    const raw = (await this.page.evaluate(LATIN_SCRIPT)) as Finding[];
    // Data the test typed in (logins, folders) is the user's text, not the program's.
    const own = (w: string) => data.some((d) => d.includes(w) || w.includes(d));
    return raw.filter((f) => (f.text.match(/[A-Za-z][\w.@-]*/g) ?? []).some((w) => !ALLOWED.test(w.replace(/[.-]+$/, '')) && !own(w)));
  }

  /**
   * Badges whose label does not fit (cut with an ellipsis or clipped), header cells whose title does not fit, and header
   * cells that reach past the right edge of what their table shows (a column cut off, reachable only by scrolling sideways).
   */
  async truncated(): Promise<Finding[]> {
    return (await this.page.evaluate(TRUNCATED_SCRIPT)) as Finding[];
  }
}

// The in-page halves, as plain scripts: the tests are type-checked without the DOM library.

const LATIN_SCRIPT = `(() => {
  const out = [];
  const name = (el) => el.tagName.toLowerCase() + (el.getAttribute('data-testid') ? '[' + el.getAttribute('data-testid') + ']' : '');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent || '').trim();
    // Commands and paths shown as code are typed literally: they stay as they are.
    if (!el || !text || !/[A-Za-z]/.test(text) || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'CODE'].includes(el.tagName)) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    out.push({ where: name(el), text });
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (!el.checkVisibility({ visibilityProperty: true }) || el.closest('[aria-hidden="true"]')) continue;
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = el.getAttribute(attr);
      if (v && /[A-Za-z]/.test(v)) out.push({ where: name(el) + '@' + attr, text: v });
    }
  }
  return out;
})()`;

const TRUNCATED_SCRIPT = `(() => {
  const out = [];
  for (const b of document.querySelectorAll('.mantine-Badge-root')) {
    if (!b.checkVisibility()) continue;
    const label = b.querySelector('.mantine-Badge-label') || b;
    if (label.scrollWidth > label.clientWidth + 1 || b.scrollWidth > b.clientWidth + 1) out.push({ where: 'badge', text: b.textContent || '' });
  }
  for (const th of document.querySelectorAll('th')) {
    if (!th.checkVisibility() || !(th.textContent || '').trim()) continue;
    if (th.scrollWidth > th.clientWidth + 1) out.push({ where: 'th clipped', text: th.textContent });
    for (const inner of th.querySelectorAll('*'))
      if (inner.scrollWidth > inner.clientWidth + 1 && getComputedStyle(inner).overflow !== 'visible') out.push({ where: 'th inner clipped', text: th.textContent });
    // The nearest box that scrolls sideways (or the window) decides what is in view.
    let box = th.parentElement;
    while (box && !(box.scrollWidth > box.clientWidth + 1 && ['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX))) box = box.parentElement;
    const right = box ? box.getBoundingClientRect().left + box.clientWidth : document.documentElement.clientWidth;
    if (th.getBoundingClientRect().right > right + 1) out.push({ where: 'th beyond the edge', text: th.textContent });
  }
  // Toolbars and filter rows wrap rather than push the page sideways past the window.
  const page = document.scrollingElement || document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) out.push({ where: 'page wider than the window', text: String(page.scrollWidth) });
  return out;
})()`;
