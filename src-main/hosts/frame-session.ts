import { ClientFrame, type ServerFrame } from '../../src-shared/wire';
import type { Router } from '../ipc/router';

/**
 * Speaks the frame protocol of src-shared/wire.ts for one connected renderer,
 * whatever carries the frames (Electron IPC or a WebSocket).
 */
export function createFrameSession(router: Router, send: (frame: ServerFrame) => void) {
  const running = new Map<number, AbortController>();
  return {
    receive(raw: unknown): void {
      const parsed = ClientFrame.safeParse(raw);
      if (!parsed.success) return; // not one of ours: nothing sensible to answer to
      const frame = parsed.data;
      if (frame.kind === 'cancel') {
        running.get(frame.id)?.abort();
        return;
      }
      const controller = new AbortController();
      running.set(frame.id, controller);
      void router
        .call(frame.channel, frame.input, {
          signal: controller.signal,
          emit: (event) => send({ kind: 'event', id: frame.id, event }),
        })
        .then((outcome) => {
          running.delete(frame.id);
          send(
            outcome.ok ? { kind: 'result', id: frame.id, output: outcome.output } : { kind: 'error', id: frame.id, error: outcome.error },
          );
        });
    },
    /** The renderer went away: stop everything it started. */
    close(): void {
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}
