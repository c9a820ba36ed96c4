import { ServerFrame, type ClientFrame } from '../../../src-shared/wire';
import { createPendingCalls, lostReply, reconnectDelay, unreachableReply } from './connection-loss';

/** A two-way pipe of frames to main: the Electron preload bridge or the web host's WebSocket. */
export interface Transport {
  send(frame: ClientFrame): void;
  onFrame(listener: (frame: ServerFrame) => void): void;
}

interface PreloadBridge {
  send(frame: unknown): void;
  onFrame(listener: (frame: unknown) => void): void;
}

declare global {
  interface Window {
    masMigratorFrames?: PreloadBridge;
  }
}

function validated(listener: (frame: ServerFrame) => void) {
  return (raw: unknown) => {
    const parsed = ServerFrame.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  };
}

function electronTransport(bridge: PreloadBridge): Transport {
  return { send: (frame) => bridge.send(frame), onFrame: (listener) => bridge.onFrame(validated(listener)) };
}

export interface WebSocketTransportOptions {
  /** The browser's WebSocket, or a compatible class (tests under Node use ws's). */
  WebSocket?: typeof WebSocket;
  /** Runs a reconnection attempt later (setTimeout unless a test needs to stop the attempts). */
  schedule?: (attempt: () => void, delayMs: number) => void;
}

/**
 * Frames over the web host's WebSocket at `url`. When the socket closes, every call sent on it
 * without an answer ends with a `host-disconnected` error (it may or may not have run, so it is
 * not resent) and a new socket is opened after a growing delay. A call made meanwhile waits for
 * that socket, and ends with the same error code if it cannot be opened.
 */
export function webSocketTransport(url: string, options: WebSocketTransportOptions = {}): Transport {
  const Socket = options.WebSocket ?? WebSocket;
  const schedule = options.schedule ?? ((attempt, delayMs) => setTimeout(attempt, delayMs));
  const pending = createPendingCalls();
  const listeners: ((frame: ServerFrame) => void)[] = [];
  const deliver = validated((frame) => {
    pending.answered(frame);
    for (const listener of listeners) listener(frame);
  });
  let socket: WebSocket;
  let open = false;
  let attempt = 0; // reconnection attempts since a socket last opened

  function connect(): void {
    socket = new Socket(url);
    socket.addEventListener('open', () => {
      open = true;
      attempt = 0;
      for (const frame of pending.takeWaiting()) socket.send(JSON.stringify(frame));
    });
    socket.addEventListener('message', (message) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return; // not JSON: the host never sends that, so there is no call to route it to
      }
      deliver(frame);
    });
    socket.addEventListener('close', (event) => {
      const failures = open
        ? pending.failUnanswered(lostReply(event.code, event.reason))
        : pending.failWaiting(unreachableReply(new URL(url).host));
      open = false;
      for (const frame of failures) deliver(frame);
      schedule(connect, reconnectDelay(attempt++));
    });
  }
  connect();

  return {
    send(frame) {
      if (!open) {
        pending.wait(frame);
        return;
      }
      pending.sent(frame);
      socket.send(JSON.stringify(frame));
    },
    onFrame(listener) {
      listeners.push(listener);
    },
  };
}

/** The web host hands its per-start token in the page address; it goes with the socket request. */
export function connectTransport(): Transport {
  if (window.masMigratorFrames) return electronTransport(window.masMigratorFrames);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return webSocketTransport(`ws://${window.location.host}/ipc?token=${encodeURIComponent(token)}`);
}
