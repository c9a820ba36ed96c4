import { type CallOutcome, ClientFrame, type ServerFrame } from '../../src-shared/wire';
import { type Router, toErrorReply } from '../ipc/router';

export interface FrameSession {
  /** Handles one frame; false when it is not a client frame (nothing sensible to answer to). */
  receive(raw: unknown): boolean;
  /** The page went away: stop everything it started, and send nothing more for it. */
  close(): void;
}

/**
 * Speaks the frame protocol of src-shared/wire.ts for one page of a renderer,
 * whatever carries the frames (Electron IPC or a WebSocket). Call ids are the
 * page's own: once closed, the session neither runs calls nor sends replies,
 * so a late reply can never answer a later page's call of the same id.
 */
export function createFrameSession(router: Router, send: (frame: ServerFrame) => void): FrameSession {
  const running = new Map<number, AbortController>();
  let closed = false;
  const reply = (frame: ServerFrame) => {
    if (!closed) send(frame);
  };
  return {
    receive(raw) {
      const parsed = ClientFrame.safeParse(raw);
      if (!parsed.success) return false;
      if (closed) return true;
      const frame = parsed.data;
      if (frame.kind === 'cancel') {
        running.get(frame.id)?.abort();
        return true;
      }
      const controller = new AbortController();
      running.set(frame.id, controller);
      void router
        .call(frame.channel, frame.input, {
          signal: controller.signal,
          emit: (event) => reply({ kind: 'event', id: frame.id, event }),
        })
        // The router answers every failure itself, but a zod check can still throw (an input nested
        // thousands deep overflows the stack): that is an answer too, never an unhandled rejection.
        .catch((error: unknown): CallOutcome => ({ ok: false, error: toErrorReply(error) }))
        .then((outcome) => {
          if (running.get(frame.id) === controller) running.delete(frame.id);
          reply(
            outcome.ok ? { kind: 'result', id: frame.id, output: outcome.output } : { kind: 'error', id: frame.id, error: outcome.error },
          );
        });
      return true;
    },
    close() {
      closed = true;
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}
