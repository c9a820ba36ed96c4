/** The admin's journey, in order; the navigation and the step numbers come from here. */
export const screens = [
  { id: 'profiles', title: 'Profiles', summary: 'Saved migration setups: everything needed to rerun a migration.' },
  { id: 'connections', title: 'Connections', summary: 'Where the Synapse and MAS configs and databases are, directly or over SSH.' },
  { id: 'configuration', title: 'Configuration', summary: 'The Synapse config, and the MAS config generated from it.' },
  { id: 'providers', title: 'Identity providers', summary: 'Pair each Synapse identity provider with a MAS upstream provider.' },
  { id: 'checks', title: 'Checks', summary: 'Find every configuration and data problem before anything is written.' },
  { id: 'migration', title: 'Migration', summary: 'A dry run, then the real migration with live progress.' },
  { id: 'report', title: 'Report', summary: 'What was migrated and skipped, and the next steps.' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

export function screenMeta(id: ScreenId) {
  return screens.find((s) => s.id === id)!;
}
