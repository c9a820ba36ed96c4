import { z } from 'zod';
import { ProfileId } from '../domain/ids';
import { channel } from './define';

/** A throwaway homeserver on this machine: sample Synapse data, a blank MAS database, configs in a temp folder. */
export const SandboxInfo = z.object({
  /** Temp folder holding the generated homeserver.yaml and MAS config. */
  folder: z.string(),
  serverName: z.string(),
  synapseConfigPath: z.string(),
  masConfigPath: z.string(),
  /** How many Synapse users were generated. */
  users: z.number().int(),
  /** The profile that points at the sandbox (its name says it is a sandbox). */
  profileId: ProfileId,
  startedAt: z.string(),
  /** What the admin should know, e.g. that OpenLDAP is missing so the sandbox has no directory, and what to install. */
  notices: z.array(z.string()).optional(),
});
export type SandboxInfo = z.infer<typeof SandboxInfo>;

export const SandboxStep = z.object({ label: z.string() });

export const sandboxChannels = {
  /** Starts the sandbox (or returns the running one) and creates its profile; streams each step. */
  'sandbox.start': channel({
    input: z.object({ users: z.number().int().min(10).max(100_000).default(500) }).strict(),
    output: SandboxInfo,
    event: SandboxStep,
  }),
  'sandbox.status': channel({ input: z.object({}).strict(), output: SandboxInfo.nullable() }),
  /** Stops the sandbox's PostgreSQL and deletes its temp folder; its profile stays until deleted. */
  'sandbox.stop': channel({ input: z.object({}).strict(), output: z.object({ stopped: z.boolean() }) }),
};
