/**
 * The sandbox's sample accounts with real passwords (bcrypt, with the
 * sandbox's pepper), so an admin can try `syn2mas check-password` and, after
 * a migration, MAS itself. Documented, not secret: the sandbox is sample data.
 */
export const sandboxSampleLogins = [
  { localpart: 'user1', password: 'sandbox-admin-1', about: 'a Synapse admin' },
  { localpart: 'user8', password: 'correct horse battery staple', about: 'an ordinary user' },
  {
    localpart: 'user9',
    password: 'ｆｕｌｌｗｉｄｔｈ',
    about: 'a full-width password: Synapse hashed its NFKC form, "fullwidth", so MAS needs unicode_normalization: true',
  },
] as const;
