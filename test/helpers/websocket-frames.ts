import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** One WebSocket frame as RFC 6455 §5.2 lays it out; a client must mask, which tests may choose not to. */
export interface RawFrame {
  fin?: boolean;
  /** The three reserved bits, 0–7. */
  rsv?: number;
  opcode: number;
  mask?: boolean;
  payload: Buffer;
  /** Claims this payload length instead of the real one. */
  declaredLength?: number;
}

export function encodeFrame(frame: RawFrame): Buffer {
  const length = frame.declaredLength ?? frame.payload.length;
  const mask = frame.mask ?? true;
  const head = [((frame.fin ?? true) ? 0x80 : 0) | ((frame.rsv ?? 0) << 4) | frame.opcode];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  const key = mask ? randomBytes(4) : Buffer.alloc(0);
  const payload = mask ? Buffer.from(frame.payload.map((byte, i) => byte ^ key[i % 4]!)) : frame.payload;
  return Buffer.concat([Buffer.from(head), extended, key, payload]);
}

export interface ServerFrameBytes {
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** Splits what a server sent into frames; throws on bytes that are not whole frames. */
export function decodeFrames(bytes: Buffer): ServerFrameBytes[] {
  const frames: ServerFrameBytes[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length < at + 2) throw new Error(`a frame header is cut at byte ${at}`);
    const opcode = bytes[at]! & 0x0f;
    const masked = (bytes[at + 1]! & 0x80) !== 0;
    let length = bytes[at + 1]! & 0x7f;
    at += 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at);
      at += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at));
      at += 8;
    }
    if (masked) at += 4;
    if (bytes.length < at + length) throw new Error(`a frame of ${length} bytes is cut at byte ${bytes.length}`);
    frames.push({ opcode, masked, payload: bytes.subarray(at, at + length) });
    at += length;
  }
  return frames;
}

/** The code of a close frame's payload (1005 when it carries none). */
export function closeFrameCode(frame: ServerFrameBytes): number {
  return frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
}

/** A TCP socket after a successful WebSocket handshake on the IPC path, for writing frames no client library would. */
export function rawIpcSocket(port: number, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET /ipc?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      if (!head.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${head.toString()}`));
      else if (head.length > end + 4) reject(new Error('the host sent frames before any request'));
      else resolve(socket);
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Writes frames on a raw IPC socket, half-closes it, and returns the frames the host sent until it closed. */
export function exchangeFrames(socket: Socket, frames: Buffer[], timeoutMs = 5000): Promise<ServerFrameBytes[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the host did not close the socket within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(decodeFrames(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    socket.end(Buffer.concat(frames));
  });
}
