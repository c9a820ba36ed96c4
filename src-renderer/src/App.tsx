import type { ComponentType } from 'react';
import { SandboxBanner } from './components/SandboxBanner';
import { Sidebar } from './components/Sidebar';
import { VaultBanner } from './components/VaultBanner';
import type { ScreenId } from './screens';
import { ChecksScreen } from './screens/checks/ChecksScreen';
import { ConfigurationScreen } from './screens/configuration/ConfigurationScreen';
import { ConnectionsScreen } from './screens/connections/ConnectionsScreen';
import { MigrationScreen } from './screens/migration/MigrationScreen';
import { ProfilesScreen } from './screens/profiles/ProfilesScreen';
import { ProvidersScreen } from './screens/providers/ProvidersScreen';
import { ReportScreen } from './screens/report/ReportScreen';
import { useStore } from './store/create-store';
import { session } from './store/session';

const screenComponents: Record<ScreenId, ComponentType> = {
  profiles: ProfilesScreen,
  connections: ConnectionsScreen,
  configuration: ConfigurationScreen,
  providers: ProvidersScreen,
  checks: ChecksScreen,
  migration: MigrationScreen,
  report: ReportScreen,
};

export function App() {
  const current = useStore(session, (s) => s.screen);
  const profileId = useStore(session, (s) => s.profile?.id);
  const Screen = screenComponents[current];
  return (
    <div className="shell">
      <Sidebar />
      <main className="content" aria-labelledby="screen-title">
        <VaultBanner />
        <SandboxBanner />
        {/* A new profile remounts the screen, so no state of the previous one leaks in. */}
        <Screen key={`${current}-${profileId ?? ''}`} />
      </main>
    </div>
  );
}
