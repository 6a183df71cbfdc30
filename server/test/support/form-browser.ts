// A minimal browser for the provider's server-rendered pages: keeps cookies, follows redirects
// until the relying party's callback, posts forms. Used where a real Chromium would be overkill.
export class FormBrowser {
  readonly #jar = new Map<string, string>();
  readonly #stopAt: string;
  /** `stopAt`: the relying party's redirect URI, where following stops. */
  constructor(stopAt: string) {
    this.#stopAt = stopAt;
  }
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.#jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.#jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
  /** Follows redirects until the callback (returned as `callback`) or a page (returned as `page`). */
  async follow(url: string, stopAt: string = this.#stopAt, init?: RequestInit): Promise<{ callback?: URL; page?: { url: string; html: string; status: number } }> {
    let res = await this.fetch(url, init);
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      const location = res.headers.get('location');
      if (!location) return { page: { url: current, html: await res.text(), status: res.status } };
      current = new URL(location, current).toString();
      if (current.startsWith(stopAt)) return { callback: new URL(current) };
      res = await this.fetch(current);
    }
    throw new Error('too many redirects');
  }
  form(url: string, fields: Record<string, string>, base: string) {
    return this.follow(new URL(url, base).toString(), this.#stopAt, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
}
