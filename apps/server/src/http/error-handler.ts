import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError } from '../core/app-error.ts';
import { HTTP_STATUS } from './error-status.ts';

/** Maps every error to `{error:{code,message,details}}`; 5xx bodies never carry internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(HTTP_STATUS[error.code])
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: '请求参数有误 (invalid request)',
          details: error.validation.map((v) => ({
            path: `${error.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`,
            message: v.message ?? '',
          })),
        },
      });
    }
    if (error instanceof ZodError) {
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: '请求参数有误 (invalid request)',
          details: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 413) {
      return reply
        .status(413)
        .send({ error: { code: 'payload_too_large', message: '文件过大 (file too large)', details: null } });
    }
    if (status === 429) {
      return reply.status(429).send({
        error: { code: 'too_many_attempts', message: '请求过于频繁，请稍后再试 (too many requests)', details: null },
      });
    }
    if (status < 500) {
      return reply.status(status).send({ error: { code: 'bad_request', message: error.message, details: null } });
    }
    request.log.error(error);
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: '服务器内部错误 (internal error)', details: null } });
  });
}
