import { AppError } from '../core/app-error.ts';

/** Thrown by a command for a clean exit with a one-line reason on stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** One line on stderr, no stack: what went wrong, in Chinese (English in brackets where it helps). */
export function reportFailure(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`错误: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof AppError) {
    process.stderr.write(`错误: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`错误: ${message.split('\n')[0]}\n`);
  return 1;
}
