import { type CallOutcome, ClientFrame, type ServerFrame } from '../../src-shared/wire';
import { type Router, toErrorReply } from '../ipc/router';

/**
 * Speaks the frame protocol of src-shared/wire.ts for one connected renderer,
 * whatever carries the frames (Electron IPC or a WebSocket).
 */
export function createFrameSession(router: Router, send: (frame: ServerFrame) => void) {
  const running = new Map<number, AbortController>();
  return {
    /** Handles one frame; false when it is not a client frame (nothing sensible to answer to). */
    receive(raw: unknown): boolean {
      const parsed = ClientFrame.safeParse(raw);
      if (!parsed.success) return false;
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
          emit: (event) => send({ kind: 'event', id: frame.id, event }),
        })
        // The router answers every failure itself, but a zod check can still throw (an input nested
        // thousands deep overflows the stack): that is an answer too, never an unhandled rejection.
        .catch((error: unknown): CallOutcome => ({ ok: false, error: toErrorReply(error) }))
        .then((outcome) => {
          running.delete(frame.id);
          send(
            outcome.ok ? { kind: 'result', id: frame.id, output: outcome.output } : { kind: 'error', id: frame.id, error: outcome.error },
          );
        });
      return true;
    },
    /** The renderer went away: stop everything it started. */
    close(): void {
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}
