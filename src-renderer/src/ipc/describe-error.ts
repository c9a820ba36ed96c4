import { IpcError } from './client';

/** The message and hint of any failure, as the admin should read it. */
export function describeError(error: unknown): { message: string; hint: string | undefined; code: string | undefined } {
  if (error instanceof IpcError) return { message: error.message, hint: error.hint, code: error.code };
  if (error instanceof Error) return { message: error.message, hint: undefined, code: undefined };
  return { message: String(error), hint: undefined, code: undefined };
}
