import { sshKeyPair } from './ssh-keys';
import { timingSafeEqual } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { type ParsedKey, Server, utils } from 'ssh2';
import { sha256Fingerprint } from '../../src-main/connect/ssh/fingerprint';

export interface TestSsh2Server {
  port: number;
  hostKeyFingerprint: string;
  /** `ssh-ed25519 AAAA…`, as known_hosts carries it. */
  hostKeyLine: string;
  /** Every host key the server offers (the first is the one above). */
  hostKeys: { keyType: string; line: string; fingerprint: string }[];
  /** Users that logged in, with their method, in order. */
  logins: { user: string; method: string }[];
  close(): Promise<void>;
}

export interface TestSsh2ServerOptions {
  user: string;
  password?: string;
  /** Public keys (OpenSSH `ssh-ed25519 AAAA…` lines) accepted for the user. */
  authorizedKeys?: string[];
  /** How the server takes the password: the `password` method (default) or only keyboard-interactive, like PAM setups. */
  passwordVia?: 'password' | 'keyboard-interactive';
  /** Host key types the server offers, in its order (default ed25519 only). */
  hostKeyTypes?: ('ed25519' | 'ecdsa')[];
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * An in-process SSH server (ssh2's Server) with a fresh host key: checks
 * passwords and public keys (signatures included) and forwards TCP
 * connections, so it can act as a jump host.
 */
export async function startSsh2Server(options: TestSsh2ServerOptions): Promise<TestSsh2Server> {
  const generated = (options.hostKeyTypes ?? ['ed25519']).map((type) => sshKeyPair(type));
  const hostKeys = generated.map((pair) => {
    const parsed = utils.parseKey(pair.public) as ParsedKey;
    const blob = parsed.getPublicSSH();
    return { keyType: parsed.type, line: `${parsed.type} ${blob.toString('base64')}`, fingerprint: sha256Fingerprint(blob) };
  });
  const allowed = (options.authorizedKeys ?? []).map((line) => utils.parseKey(line) as ParsedKey);
  const logins: TestSsh2Server['logins'] = [];
  const server = new Server({ hostKeys: generated.map((pair) => pair.private) }, (client) => {
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.username !== options.user) return ctx.reject();
      const via = options.passwordVia ?? 'password';
      if (ctx.method === 'keyboard-interactive' && via === 'keyboard-interactive' && options.password !== undefined) {
        const expected = options.password;
        return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
          if (answers.length === 1 && equal(Buffer.from(answers[0] ?? ''), Buffer.from(expected))) {
            logins.push({ user: ctx.username, method: 'keyboard-interactive' });
            ctx.accept();
          } else ctx.reject();
        });
      }
      if (
        ctx.method === 'password' &&
        via === 'password' &&
        options.password !== undefined &&
        equal(Buffer.from(ctx.password), Buffer.from(options.password))
      ) {
        logins.push({ user: ctx.username, method: 'password' });
        return ctx.accept();
      }
      if (ctx.method === 'publickey') {
        const key = allowed.find((k) => k.type === ctx.key.algo && equal(k.getPublicSSH(), ctx.key.data));
        if (key && (!ctx.signature || key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true)) {
          if (ctx.signature) logins.push({ user: ctx.username, method: 'publickey' });
          return ctx.accept();
        }
      }
      ctx.reject([options.passwordVia ?? 'password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('tcpip', (accept, reject, info) => {
        const upstream = netConnect(info.destPort, info.destIP);
        upstream.once('error', () => reject?.());
        upstream.once('connect', () => {
          const channel = accept();
          channel.pipe(upstream).pipe(channel);
          channel.on('close', () => upstream.destroy());
          upstream.on('close', () => channel.close());
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    hostKeyFingerprint: hostKeys[0]!.fingerprint,
    hostKeyLine: hostKeys[0]!.line,
    hostKeys,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
