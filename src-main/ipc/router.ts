import type { z } from 'zod';
import {
  type Channel,
  type ChannelName,
  type Contract,
  contract,
  type EventOf,
  type OutputOf,
  type ParsedInputOf,
} from '../../src-shared/contract';
import { AppError, type ErrorReply } from '../../src-shared/errors';
import type { CallOutcome } from '../../src-shared/wire';
import type { HandlerContext, Services } from './context';
import { redactSecrets } from '../../src-shared/redact';

export type Handler<C extends Channel> = (input: ParsedInputOf<C>, ctx: HandlerContext<EventOf<C>>) => Promise<OutputOf<C>>;
export type Handlers = { [K in ChannelName]: Handler<Contract[K]> };

export interface CallOptions {
  emit?: (event: unknown) => void;
  signal?: AbortSignal;
}

export interface Router {
  call(channel: string, input: unknown, options?: CallOptions): Promise<CallOutcome>;
}

/** Describes a zod failure by the path of each offending field, so the caller learns what to fix. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof AppError) return redactReply(error.toReply());
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'The operation was cancelled.' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redactSecrets(message), hint: 'This is unexpected; the log has details.' };
}

function redactReply(reply: ErrorReply): ErrorReply {
  return { ...reply, message: redactSecrets(reply.message), ...(reply.hint ? { hint: redactSecrets(reply.hint) } : {}) };
}

/** zod recurses into the input: a value nested thousands deep exhausts the stack, which is bad input, not a crash. */
function safeParseInput(def: Channel, rawInput: unknown) {
  try {
    return def.input.safeParse(rawInput ?? {});
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Validates every input against the contract before a handler sees it, and every output and event after. */
export function createRouter(handlers: Handlers, services: Services): Router {
  return {
    async call(name, rawInput, options = {}) {
      if (!Object.hasOwn(contract, name)) {
        return { ok: false, error: { code: 'unknown-channel', message: `There is no IPC channel named "${name}".` } };
      }
      const def = contract[name as ChannelName] as Channel;
      const parsed = safeParseInput(def, rawInput);
      if (!parsed) return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${name}: it is nested too deeply.` } };
      if (!parsed.success) {
        return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${name}: ${describeZodError(parsed.error)}` } };
      }
      const handler = handlers[name as ChannelName] as unknown as Handler<Channel>;
      const ctx: HandlerContext = {
        services,
        signal: options.signal ?? new AbortController().signal,
        emit(event) {
          const checked = def.event ? def.event.parse(event) : event;
          options.emit?.(checked);
        },
      };
      try {
        const output = await handler(parsed.data, ctx);
        return { ok: true, output: def.output.parse(output) };
      } catch (error) {
        return { ok: false, error: toErrorReply(error) };
      }
    },
  };
}
