import { ServerFrame, type ClientFrame } from '../../../src-shared/wire';

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

/** The web host hands its per-start token in the page address; it goes with the socket request. */
function webSocketTransport(): Transport {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const socket = new WebSocket(`ws://${window.location.host}/ipc?token=${encodeURIComponent(token)}`);
  const queue: ClientFrame[] = [];
  const listeners: ((frame: ServerFrame) => void)[] = [];
  socket.addEventListener('open', () => {
    for (const frame of queue.splice(0)) socket.send(JSON.stringify(frame));
  });
  socket.addEventListener('message', (message) => {
    const handle = validated((frame) => {
      for (const listener of listeners) listener(frame);
    });
    handle(JSON.parse(String(message.data)));
  });
  return {
    send(frame) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
      else queue.push(frame);
    },
    onFrame(listener) {
      listeners.push(listener);
    },
  };
}

export function connectTransport(): Transport {
  return window.masMigratorFrames ? electronTransport(window.masMigratorFrames) : webSocketTransport();
}
