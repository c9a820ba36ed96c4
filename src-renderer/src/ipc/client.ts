import type { ChannelName, Contract, EventOf, InputOf, OutputOf } from '../../../src-shared/contract';
import type { ErrorReply } from '../../../src-shared/errors';
import type { ServerFrame } from '../../../src-shared/wire';
import { connectTransport, type Transport } from './transport';

/** A failed call, carrying main's `{code, message, hint}`. */
export class IpcError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(reply: ErrorReply) {
    super(reply.message);
    this.code = reply.code;
    this.hint = reply.hint;
  }
}

export interface CallOptions<E> {
  onEvent?: (event: E) => void;
  signal?: AbortSignal;
}

interface Pending {
  resolve(output: unknown): void;
  reject(error: IpcError): void;
  onEvent?: (event: unknown) => void;
}

/** The typed client: the renderer's only way to main. */
export function createClient(transport: Transport) {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  transport.onFrame((frame: ServerFrame) => {
    const call = pending.get(frame.id);
    if (!call) return;
    if (frame.kind === 'event') call.onEvent?.(frame.event);
    else {
      pending.delete(frame.id);
      if (frame.kind === 'result') call.resolve(frame.output);
      else call.reject(new IpcError(frame.error));
    }
  });
  return {
    call<K extends ChannelName>(
      channel: K,
      input: InputOf<Contract[K]>,
      options: CallOptions<EventOf<Contract[K]>> = {},
    ): Promise<OutputOf<Contract[K]>> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve: resolve as (o: unknown) => void,
          reject,
          onEvent: options.onEvent as ((e: unknown) => void) | undefined,
        });
        options.signal?.addEventListener('abort', () => transport.send({ kind: 'cancel', id }), { once: true });
        transport.send({ kind: 'call', id, channel, input });
      });
    },
  };
}

export type Client = ReturnType<typeof createClient>;

let shared: Client | undefined;
export function client(): Client {
  shared ??= createClient(connectTransport());
  return shared;
}
