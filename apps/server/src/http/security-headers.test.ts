import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders, securityHeaders } from './security-headers.ts';

const OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' as const },
  strictTransportSecurity: false as const,
};

describe('security headers', () => {
  it("are helmet's headers for the options, worked out once", () => {
    const h = securityHeaders(OPTIONS);
    expect(h['content-security-policy']).toBe("default-src 'self';frame-ancestors 'none'");
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ ...OPTIONS, strictTransportSecurity: { maxAge: 60 } })['strict-transport-security']).toBe(
      'max-age=60; includeSubDomains',
    );
  });

  it('are sent with every response, 404s included; a route may replace one', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, OPTIONS);
    app.get('/a', async () => ({ ok: true }));
    app.get('/strict', async (_request, reply) =>
      reply.header('content-security-policy', "default-src 'none'").send('x'),
    );
    const a = await app.inject({ method: 'GET', url: '/a' });
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await app.inject({ method: 'GET', url: '/missing' })).headers['x-content-type-options']).toBe('nosniff');
    expect((await app.inject({ method: 'GET', url: '/strict' })).headers['content-security-policy']).toBe(
      "default-src 'none'",
    );
    await app.close();
  });
});
