import { Duplex } from 'node:stream';

/**
 * A net.Socket look-alike that pg can use as its `stream`: `connect()` opens
 * the real stream (an SSH channel) asynchronously, then bytes flow through
 * with backpressure. Errors and closes of the channel end the socket.
 */
export class TunnelSocket extends Duplex {
  readonly #open: () => Promise<Duplex>;
  #channel: Duplex | undefined;

  constructor(open: () => Promise<Duplex>) {
    super();
    this.#open = open;
  }

  connect(): this {
    this.#open().then(
      (channel) => {
        if (this.destroyed) {
          channel.destroy();
          return;
        }
        this.#channel = channel;
        channel.on('data', (chunk: Buffer) => {
          if (!this.push(chunk)) channel.pause();
        });
        channel.once('end', () => this.push(null));
        channel.once('error', (error: Error) => this.destroy(error));
        channel.once('close', () => this.destroy());
        this.emit('connect');
      },
      (error: Error) => this.destroy(error),
    );
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {
    this.#channel?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const channel = this.#channel;
    if (!channel) {
      callback(new Error('The tunnel is not connected yet.'));
      return;
    }
    if (channel.write(chunk)) callback();
    else channel.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#channel?.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#channel?.destroy();
    // Close a turn later, like net.Socket: a TLS layer on top reports its own error (a refused certificate) first.
    setImmediate(() => callback(error));
  }
}
