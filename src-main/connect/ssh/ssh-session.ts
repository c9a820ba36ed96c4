import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type SFTPWrapper } from 'ssh2';
import { AppError } from '../../../src-shared/errors';
import { TunnelSocket } from '../tunnel-socket';
import { type HostKeyTrust, loadKnownHosts, preferredHostKeyAlgorithms, verifyHostKey } from './host-key-check';
import type { KnownHostsEntry } from './known-hosts';
import type { ResolvedHop } from './resolve-route';

/** Where a forwarded connection goes, as the last SSH server sees it. */
export type ForwardTarget = { host: string; port: number } | { socketPath: string };

export function describeTarget(target: ForwardTarget): string {
  return 'socketPath' in target ? target.socketPath : `${target.host}:${target.port}`;
}

/** One step of opening the route, for live connection tests. */
export interface HopEvent {
  hop: string;
  step: 'host-key' | 'authenticated';
  detail: string;
}

export interface SshSessionOptions {
  hops: ResolvedHop[];
  trust: HostKeyTrust;
  /** Milliseconds between SSH keepalives (default 5 s); after keepaliveCountMax (default 3) unanswered ones the tunnel counts as dropped. */
  keepaliveInterval?: number;
  keepaliveCountMax?: number;
  readyTimeout?: number;
  onHop?: (event: HopEvent) => void;
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

function describeConnectError(error: Error & { level?: string; code?: string }, hop: ResolvedHop): AppError {
  if (error instanceof AppError) return error;
  if (error.level === 'client-authentication') {
    const methods = [...new Set(hop.auth.map((a) => a.type))].join(', ') || 'none';
    return new AppError(
      'ssh-auth-failed',
      `The SSH server ${hop.label} refused the login as "${hop.username}" (tried: ${methods}).`,
      "Check the user name and the password, key file or agent key set for this host (the public key must be in the server's authorized_keys).",
    );
  }
  if (error.level === 'client-timeout') {
    return new AppError(
      'ssh-unreachable',
      `The SSH server ${hop.label} did not answer in time.`,
      'Check the host name and port, and that a firewall lets SSH through.',
    );
  }
  if (error.code && unreachableCodes.has(error.code)) {
    return new AppError(
      'ssh-unreachable',
      `Cannot reach the SSH server ${hop.label} (${error.code}).`,
      'Check the host name and port, and that the SSH server runs and a firewall lets it through.',
    );
  }
  return new AppError(
    'ssh-failed',
    `The SSH connection to ${hop.label} failed: ${error.message}.`,
    'Check the SSH settings of the profile.',
  );
}

/**
 * One SSH connection (through its jump hosts) shared by every database
 * connection and file transfer of one side. Host keys are verified at every
 * hop; a dropped connection ends the streams on it with a clear error and is
 * opened again on the next use.
 */
export class SshSession extends EventEmitter {
  readonly #options: SshSessionOptions;
  #clients: Client[] = [];
  #connecting: Promise<Client> | undefined;
  readonly #streams = new Set<Duplex>();
  #closed = false;
  #lastDrop: AppError | undefined;
  /** Clients still in their handshake: close() must end them too. */
  readonly #handshaking = new Set<Client>();

  constructor(options: SshSessionOptions) {
    super();
    this.#options = options;
  }

  /** The route as the admin reads it: `user@jump:22 → user@host:22`. */
  get description(): string {
    return this.#options.hops.map((h) => h.label).join(' → ');
  }

  /** The connected client of the last hop, connecting (again) if needed. */
  async client(): Promise<Client> {
    if (this.#closed)
      throw new AppError('ssh-closed', `The SSH connection to ${this.description} was closed.`, 'Open the connection again.');
    const last = this.#clients.at(-1);
    if (last) return last;
    this.#connecting ??= this.#connectChain().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connectChain(): Promise<Client> {
    const knownHosts = await loadKnownHosts(this.#options.trust.knownHostsFiles);
    const clients: Client[] = [];
    try {
      for (const hop of this.#options.hops) {
        const previous = clients.at(-1);
        const sock = previous ? await this.#forwardOn(previous, { host: hop.host, port: hop.port }, clients.length - 1) : undefined;
        clients.push(await this.#connectHop(hop, knownHosts, sock));
      }
    } catch (error) {
      for (const client of clients) client.end();
      throw error;
    }
    if (this.#closed) {
      for (const client of clients) client.end();
      throw new AppError('ssh-closed', `The SSH connection to ${this.description} was closed.`, 'Open the connection again.');
    }
    for (const [index, client] of clients.entries()) this.#watch(client, index);
    this.#clients = clients;
    this.#lastDrop = undefined;
    return clients.at(-1)!;
  }

  #connectHop(hop: ResolvedHop, knownHosts: KnownHostsEntry[], sock: Duplex | undefined): Promise<Client> {
    const { trust, onHop } = this.#options;
    const preferred = preferredHostKeyAlgorithms(knownHosts, trust.trusted, hop.host, hop.port);
    return new Promise((resolve, reject) => {
      const client = new Client();
      this.#handshaking.add(client);
      let refusal: AppError | undefined;
      client.once('ready', () => {
        this.#handshaking.delete(client);
        onHop?.({ hop: hop.label, step: 'authenticated', detail: `Logged in as ${hop.username}.` });
        resolve(client);
      });
      // `on`, not `once`: ssh2 may report more than one error, and an unheard 'error' would end the process.
      client.on('error', (error) => {
        this.#handshaking.delete(client);
        client.end();
        reject(refusal ?? describeConnectError(error, hop));
      });
      client.once('close', () => {
        this.#handshaking.delete(client);
        reject(
          new AppError('ssh-closed', `The SSH connection to ${hop.label} was closed before it was ready.`, 'Open the connection again.'),
        );
      });
      client.connect({
        host: hop.host,
        port: hop.port,
        sock,
        username: hop.username,
        authHandler: [...hop.auth],
        hostVerifier: (key: Buffer) => {
          try {
            const source = verifyHostKey(knownHosts, trust.trusted, hop.host, hop.port, key);
            onHop?.({
              hop: hop.label,
              step: 'host-key',
              detail: `Host key verified (${source === 'profile' ? 'confirmed in this profile' : source}).`,
            });
            return true;
          } catch (error) {
            refusal = error as AppError;
            return false;
          }
        },
        // remove, then prepend: ssh2 applies the keys in this order, which moves the known types first
        ...(preferred.length ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred, append: [] } } } : {}),
        keepaliveInterval: this.#options.keepaliveInterval ?? 5_000,
        keepaliveCountMax: this.#options.keepaliveCountMax ?? 3,
        readyTimeout: this.#options.readyTimeout ?? 20_000,
      });
    });
  }

  /** Ends every stream of the session when any hop's connection goes away, so nothing waits on a dead tunnel. */
  #watch(client: Client, index: number): void {
    let lastError: Error | undefined;
    client.on('error', (error) => {
      lastError = error;
    });
    client.once('close', () => {
      if (!this.#clients.includes(client)) return;
      const hop = this.#options.hops[index]!;
      const reason = lastError ? lastError.message : 'the server closed the connection';
      const error = new AppError(
        'ssh-tunnel-dropped',
        `The SSH connection to ${hop.label} dropped (${reason}).`,
        'The operations using it were stopped. Check the network and the SSH server; the tunnel is opened again on the next use.',
      );
      const clients = this.#clients;
      this.#clients = [];
      this.#lastDrop = error;
      for (const other of clients) other.end();
      for (const stream of this.#streams) stream.destroy(error);
      this.#streams.clear();
      this.emit('drop', error);
    });
  }

  #forwardOn(client: Client, target: ForwardTarget, hopIndex: number): Promise<ClientChannel> {
    const hop = this.#options.hops[hopIndex]!;
    return new Promise((resolve, reject) => {
      const done = (error: Error | undefined, channel: ClientChannel) => {
        if (error) {
          reject(
            this.#lastDrop ??
              new AppError(
                'ssh-forward-failed',
                `The SSH server ${hop.label} could not open a connection to ${describeTarget(target)} (${error.message}).`,
                'Check the host and port (or socket path) as that server sees them, and that it allows forwarding (AllowTcpForwarding, AllowStreamLocalForwarding).',
              ),
          );
        } else resolve(channel);
      };
      if ('socketPath' in target) client.openssh_forwardOutStreamLocal(target.socketPath, done);
      else client.forwardOut('127.0.0.1', 0, target.host, target.port, done);
    });
  }

  /** Why the connection last dropped, until it is opened again: operations that failed meanwhile report this. */
  get lastDrop(): AppError | undefined {
    return this.#lastDrop;
  }

  /** Registers a stream to be destroyed with the tunnel's error if the tunnel drops. */
  track<S extends Duplex>(stream: S): S {
    this.#streams.add(stream);
    stream.once('close', () => this.#streams.delete(stream));
    return stream;
  }

  /** A new forwarded connection from the last hop to the target. */
  async forward(target: ForwardTarget): Promise<ClientChannel> {
    const client = await this.client();
    return this.#forwardOn(client, target, this.#options.hops.length - 1);
  }

  /**
   * A socket-like stream to the target (pg's `stream`): it opens its channel
   * on `connect()`, and if the tunnel drops it fails with the tunnel's error.
   */
  socketTo(target: ForwardTarget): TunnelSocket {
    return this.track(new TunnelSocket(() => this.forward(target)));
  }

  async sftp(): Promise<SFTPWrapper> {
    const client = await this.client();
    const label = this.#options.hops.at(-1)!.label;
    return new Promise((resolve, reject) => {
      client.sftp((error, sftp) => {
        if (error)
          reject(
            this.#lastDrop ??
              new AppError(
                'sftp-unavailable',
                `The SSH server ${label} does not offer SFTP (${error.message}).`,
                "Enable the sftp subsystem in the server's sshd_config.",
              ),
          );
        else resolve(sftp);
      });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const client of this.#handshaking) client.destroy();
    const clients = this.#clients;
    this.#clients = [];
    for (const stream of this.#streams) stream.destroy();
    this.#streams.clear();
    await Promise.all(clients.reverse().map(endPolitely));
    this.emit('closed');
  }
}

/** Ends a client cleanly, or cuts it off when the server does not answer the goodbye (a dead peer must not hang close()). */
function endPolitely(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const cutOff = setTimeout(() => client.destroy(), 2_000);
    client.once('close', () => {
      clearTimeout(cutOff);
      resolve();
    });
    client.end();
  });
}
