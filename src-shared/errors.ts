import { z } from 'zod';

/** The shape in which every failure crosses the IPC boundary. */
export const ErrorReply = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;

/**
 * An expected failure: something the admin can act on. Its message names the
 * file, key, row or host involved; its hint says what to do. Never carries a secret.
 */
export class AppError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
  }
  toReply(): ErrorReply {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}
