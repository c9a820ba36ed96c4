import { z } from 'zod';
import { ErrorReply } from './errors';

/** Frames exchanged by a host and the renderer's client, whatever carries them (Electron IPC or a WebSocket). */
export const CallFrame = z.object({ kind: z.literal('call'), id: z.number().int(), channel: z.string(), input: z.unknown() });
export const CancelFrame = z.object({ kind: z.literal('cancel'), id: z.number().int() });
export const ClientFrame = z.discriminatedUnion('kind', [CallFrame, CancelFrame]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), id: z.number().int(), event: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.number().int(), output: z.unknown() }),
  z.object({ kind: z.literal('error'), id: z.number().int(), error: ErrorReply }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** Outcome of one call as the router returns it to a host. */
export type CallOutcome = { ok: true; output: unknown } | { ok: false; error: ErrorReply };
