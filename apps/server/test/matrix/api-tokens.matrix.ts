import { domainMatrix } from './matrix-types.ts';

/** API token management (issue 9): a signed-in office administrator only. POST /api/api-tokens is in the core rows. */
export const apiTokensMatrix = domainMatrix({
  name: 'api-tokens',
  setup: async (t) => {
    const created = await t.as('admin', {
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'matrix-revoke', role: 'leader', expiresInDays: 1 },
    });
    return { tokenId: created.json().id as number };
  },
  cases: [
    {
      route: 'GET /api/api-tokens',
      request: () => ({ method: 'GET', url: '/api/api-tokens' }),
      access: { admin: 'ok' },
    },
    {
      route: 'POST /api/api-tokens/:id/revoke',
      request: (f) => ({ method: 'POST', url: `/api/api-tokens/${f.tokenId}/revoke` }),
      access: { admin: 'ok' },
    },
  ],
});
