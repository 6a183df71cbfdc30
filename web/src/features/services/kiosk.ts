// Ending a session at a self-service kiosk, unattended: the next person at the screen must neither
// find the previous one logged in here nor be let in by the identity provider's own session. The
// app's logout (auth/session.ts) asks "Đăng xuất?" on the provider's page, which nobody answers at
// an empty kiosk; here the same end-session request is made and confirmed in the background (the
// provider is on the same origin), the tab's tokens are dropped, and the kiosk starts again.
import { forgetSession, logout } from '../../auth/session.ts';

async function endProviderSession(): Promise<void> {
  const discovery = (await (await fetch('/oidc/.well-known/openid-configuration')).json()) as { end_session_endpoint?: string };
  if (!discovery.end_session_endpoint) throw new Error('no end_session_endpoint');
  const page = await fetch(discovery.end_session_endpoint, { credentials: 'same-origin' });
  const doc = new DOMParser().parseFromString(await page.text(), 'text/html');
  const form = doc.getElementById('op.logoutForm') as HTMLFormElement | null;
  if (!form) throw new Error('no logout form');
  const body = new URLSearchParams();
  for (const input of Array.from(form.querySelectorAll('input'))) if (input.name) body.set(input.name, input.value);
  body.set('logout', 'yes');
  const action = new URL(form.getAttribute('action') ?? '', new URL(discovery.end_session_endpoint, window.location.origin)).toString();
  const done = await fetch(action, { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
  if (done.type !== 'opaqueredirect' && !done.ok) throw new Error(`logout: ${done.status}`);
}

/** Logs out (provider and tab) and goes back to the kiosk's start; falls back to the app's logout page. */
export async function endKioskSession(start = '/kiosk'): Promise<void> {
  try {
    await endProviderSession();
  } catch {
    await logout();
    return;
  }
  forgetSession();
  window.location.assign(start);
}
