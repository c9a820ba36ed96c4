import { z } from 'zod';

/** A profile's id: a ULID, made by main when the profile is created. */
export const ProfileId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a profile id');
export type ProfileId = z.infer<typeof ProfileId>;
