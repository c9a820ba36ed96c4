import type { ErrorReply } from '../../../src-shared/errors';
import type { ClientFrame, ServerFrame } from '../../../src-shared/wire';

/** The code of every call the web transport ends because its socket to the host is gone. */
export const hostDisconnected = 'host-disconnected';

const restartHint = 'If the host was stopped, start it again (npm run web) and open the new address it prints.';

/** Why a socket closed, in words (RFC 6455 §7.4.1 codes the web host sends). */
function closeCause(code: number, reason: string): string {
  const known: Record<number, string> = {
    1001: 'the host is shutting down',
    1002: 'the host saw a WebSocket protocol error',
    1003: 'the host accepts only text frames',
    1006: 'the connection was lost',
    1007: 'a message was not valid UTF-8',
    1008: 'the host refused a malformed message',
    1009: "a message was over the host's size limit",
  };
  return `${known[code] ?? (reason || 'it closed')} (code ${code})`;
}

/** The error of a call that was sent and had no answer when the socket closed: it may or may not have run. */
export function lostReply(code: number, reason: string): ErrorReply {
  return {
    code: hostDisconnected,
    message: `The connection to the MAS Migrator host closed before this call finished: ${closeCause(code, reason)}.`,
    hint: `The app reconnects by itself; check whether the action took effect, then try again. ${restartHint}`,
  };
}

/** The error of a call that was waiting for a connection that could not be made. */
export function unreachableReply(address: string): ErrorReply {
  return {
    code: hostDisconnected,
    message: `Could not connect to the MAS Migrator host at ${address}.`,
    hint: `The app keeps trying to reconnect; try again in a moment. ${restartHint}`,
  };
}

/** Milliseconds before reconnection attempt `attempt` (0 first): doubling from 250 ms, at most 8 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 8000);
}

/**
 * The frames of one transport that a dropped socket affects: those waiting for a socket
 * (sent once one opens) and the calls sent on the current socket still without an answer.
 */
export function createPendingCalls() {
  let waiting: ClientFrame[] = [];
  const unanswered = new Set<number>();
  const failures = (ids: Iterable<number>, error: ErrorReply): ServerFrame[] => [...ids].map((id) => ({ kind: 'error', id, error }));
  return {
    wait(frame: ClientFrame): void {
      waiting.push(frame);
    },
    /** The waiting frames, to send now on an open socket; they count as sent. */
    takeWaiting(): ClientFrame[] {
      const frames = waiting;
      waiting = [];
      for (const frame of frames) this.sent(frame);
      return frames;
    },
    sent(frame: ClientFrame): void {
      if (frame.kind === 'call') unanswered.add(frame.id);
    },
    answered(frame: ServerFrame): void {
      if (frame.kind !== 'event') unanswered.delete(frame.id);
    },
    /** Error frames ending every call sent on the socket that closed. */
    failUnanswered(error: ErrorReply): ServerFrame[] {
      const frames = failures(unanswered, error);
      unanswered.clear();
      return frames;
    },
    /** Error frames ending every waiting call (their cancels go with them). */
    failWaiting(error: ErrorReply): ServerFrame[] {
      const frames = failures(
        waiting.filter((frame) => frame.kind === 'call').map((frame) => frame.id),
        error,
      );
      waiting = [];
      return frames;
    },
  };
}
