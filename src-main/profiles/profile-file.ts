import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Profile, SecretSlot } from '../../src-shared/domain/profile';
import { AppError } from '../../src-shared/errors';

export const SealedSecret = z.object({ cipher: z.enum(['passphrase', 'safe-storage']), box: z.string().min(1) }).strict();
export type SealedSecret = z.infer<typeof SealedSecret>;

/** One profile on disk: its settings in clear, its secrets sealed. */
export const ProfileFile = z
  .object({
    format: z.literal('mas-migrator-profile'),
    version: z.literal(1),
    profile: Profile,
    secrets: z.partialRecord(SecretSlot, SealedSecret).default({}),
  })
  .strict();
export type ProfileFile = z.infer<typeof ProfileFile>;

/** Reads and validates a profile file; a file edited into nonsense gives an error naming the file and the field. */
export async function readProfileFile(path: string): Promise<ProfileFile> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'profile-corrupt',
      `The profile file ${path} is not valid JSON (${(error as Error).message}).`,
      'Fix the file by hand, delete it, or import the profile again from an export.',
    );
  }
  const parsed = ProfileFile.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'profile-corrupt',
      `The profile file ${path} is not a valid profile: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}.`,
      'Fix the file by hand, delete it, or import the profile again from an export.',
    );
  }
  return parsed.data;
}
