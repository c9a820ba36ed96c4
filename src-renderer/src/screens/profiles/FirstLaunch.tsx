import type { ReactNode } from 'react';
import { Panel } from '../../components/Panel';

/** The whole journey in three steps, for an admin who has no profile yet. */
export function FirstLaunch({ actions }: { actions: ReactNode }) {
  return (
    <Panel title="Move your homeserver's accounts to MAS, without anyone logging in again">
      <ol className="three-steps">
        <li>
          <strong>Connect</strong>
          <span className="muted">Point the app at your Synapse and MAS configs and databases, directly or over SSH.</span>
        </li>
        <li>
          <strong>Prepare and check</strong>
          <span className="muted">Generate the MAS config, pair identity providers, and fix what the checker finds.</span>
        </li>
        <li>
          <strong>Migrate</strong>
          <span className="muted">Rehearse with a dry run while Synapse runs, then migrate for real and follow the next steps.</span>
        </li>
      </ol>
      <div className="actions">{actions}</div>
    </Panel>
  );
}
