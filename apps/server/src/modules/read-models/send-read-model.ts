import type { FastifyReply, FastifyRequest } from 'fastify';
import { type CachedBody, encodedBody, etagMatches } from './read-model-cache.ts';

/**
 * Sends a cached read model: ETag (weak; the same for every encoding), 304 when If-None-Match names it, otherwise
 * the bytes already serialised and compressed (the app-wide compression sees Content-Encoding and leaves them).
 * `no-cache` makes browsers revalidate every time, so a 304 is the common answer to a page that polls.
 */
export function sendReadModel(request: FastifyRequest, reply: FastifyReply, body: CachedBody): FastifyReply {
  reply.header('etag', body.etag).header('vary', 'accept-encoding').header('cache-control', 'private, no-cache');
  if (etagMatches(request.headers['if-none-match'], body.etag)) return reply.code(304).send();
  const { encoding, bytes } = encodedBody(body, request.headers['accept-encoding']);
  reply.header('content-type', 'application/json; charset=utf-8');
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(bytes);
}
