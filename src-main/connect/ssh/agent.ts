import { connect } from 'node:net';
import { AppError } from '../../../src-shared/errors';

/** The agent socket from SSH_AUTH_SOCK, checked to answer, or a clear error saying why no agent is reachable. */
export async function reachableAgent(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const socket = env.SSH_AUTH_SOCK;
  if (!socket) {
    throw new AppError(
      'ssh-agent-unreachable',
      'No SSH agent is reachable: SSH_AUTH_SOCK is not set in the environment of MAS Migrator.',
      'Start ssh-agent and add your key (ssh-add), start MAS Migrator from that session, or choose a key file instead.',
    );
  }
  await new Promise<void>((resolve, reject) => {
    const probe = connect(socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve();
    });
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          'ssh-agent-unreachable',
          `No SSH agent is reachable: SSH_AUTH_SOCK points to ${socket}, which does not answer (${error.code}).`,
          'Start ssh-agent again and add your key (ssh-add), or choose a key file instead.',
        ),
      ),
    );
  });
  return socket;
}
