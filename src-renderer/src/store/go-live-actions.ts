import { client } from '../ipc/client';

/** SPEC §10 go-live check from this computer; the token goes to the homeserver's whoami only. */
export function checkGoLive(homeserver: string, mas: string, accessToken: string) {
  return client().call('golive.check', { homeserver, ...(mas ? { mas } : {}), accessToken });
}
