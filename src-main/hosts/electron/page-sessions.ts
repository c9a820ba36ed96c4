import type { ServerFrame } from '../../../src-shared/wire';
import type { Router } from '../../ipc/router';
import { createFrameSession } from '../frame-session';

/**
 * The frame sessions of one window: one per page. A page numbers its calls from 1, so when the main
 * frame gets a new page (a navigation, a reload, a renderer that crashed and was reloaded) the old
 * page's calls are aborted and their late replies and progress dropped: they never answer the new
 * page's calls of the same ids.
 */
export function createPageSessions(router: Router, send: (frame: ServerFrame) => void) {
  let session = createFrameSession(router, send);
  return {
    receive: (raw: unknown): boolean => session.receive(raw),
    /** A new page starts in the main frame. */
    newPage(): void {
      session.close();
      session = createFrameSession(router, send);
    },
    /** The window is gone. */
    close(): void {
      session.close();
    },
  };
}
