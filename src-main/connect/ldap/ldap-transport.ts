import { isIP, type connect as netConnect } from 'node:net';
import { type ConnectionOptions, type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { ClientOptions } from 'ldapts';
import type { SshSession } from '../ssh/ssh-session';
import type { TunnelSocket } from '../tunnel-socket';
import { type DirectoryTarget, uriAddress } from './directory-target';

/** TLS settings for one directory host: its CA (or the system's), the name its certificate must carry, checks off only when asked. */
export function directoryTls(target: DirectoryTarget, host: string): ConnectionOptions {
  return {
    ...(target.ca ? { ca: [target.ca] } : {}),
    rejectUnauthorized: target.validateCert,
    // An IP address is no SNI name: Node then checks the certificate against `host`.
    ...(isIP(host) ? { host } : { host, servername: host }),
  };
}

function connected(socket: TunnelSocket): Promise<TunnelSocket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
    socket.connect();
  });
}

/** The finished handshake: its failure (a refused certificate) is reported as such, not as a broken first request. */
function handshake(socket: TLSSocket): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * How ldapts reaches one URI: directly, or through the side's SSH session
 * (the address is then as the SSH server sees it), each connection a
 * forwarded channel like PostgreSQL's. For ldaps:// the channel is opened
 * and the handshake done first, since TLS speaks as soon as it has a socket
 * (ldapts then takes the socket as already connected).
 */
export async function transportOptions(uri: string, target: DirectoryTarget, ssh?: SshSession): Promise<Partial<ClientOptions>> {
  const { secure, host, port } = uriAddress(uri);
  const tls = directoryTls(target, host);
  if (!ssh) return secure ? { tlsOptions: tls } : {};
  const channel = () => ssh.socketTo({ host, port });
  // ldapts takes net.Socket factories; a TunnelSocket is the Duplex look-alike pg uses too. StartTLS upgrades it with tls.connect.
  if (!secure) return { createConnection: (() => channel().connect()) as unknown as typeof netConnect };
  const secured = await handshake(tlsConnect({ ...tls, socket: await connected(channel()) }));
  return { createSecureConnection: (() => secured) as unknown as typeof tlsConnect };
}
