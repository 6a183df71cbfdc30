// Authentication: who is calling. Pluggable: an Authenticator turns a request into an Actor or
// null. Today: signed service tokens (service-token.ts); the identity module adds OIDC sessions.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from './authz.ts';
import { UnauthorizedError } from './errors.ts';

export interface Authenticator {
  authenticate(req: FastifyRequest): Promise<Actor | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes open without a token (health, catalogues, docs). */
    public?: boolean;
  }
}

export function bearerAuthenticator(verify: (token: string) => Promise<Actor | null>): Authenticator {
  return {
    async authenticate(req) {
      const h = req.headers.authorization;
      if (!h || !/^Bearer\s+/i.test(h)) return null;
      return verify(h.replace(/^Bearer\s+/i, '').trim());
    },
  };
}

/** Every /api route needs an actor unless its config says `public: true`. */
export function installAuth(app: FastifyInstance, authenticators: readonly Authenticator[]): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.routeOptions.config?.public) return;
    for (const a of authenticators) {
      const actor = await a.authenticate(req);
      if (actor) {
        req.actor = actor;
        return;
      }
    }
    throw new UnauthorizedError();
  });
}

/** The caller of an authenticated route (installAuth guarantees it is set). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthorizedError();
  return req.actor;
}
