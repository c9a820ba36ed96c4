import type { MigrationReport } from '../../../../src-shared/domain/report';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCount, formatDuration, formatWhen } from '../../format';

/** The run at a glance: dry or real, when, how long, how much. */
export function ReportSummary({ report }: { report: MigrationReport }) {
  const migrated = report.entities.reduce((sum, e) => sum + e.migrated, 0);
  const users = report.entities.find((e) => e.stage === 'users')?.migrated;
  return (
    <Panel
      title={
        <span className="row">
          {report.serverName}
          <StatusBadge tone={report.dryRun ? 'info' : 'ok'}>{report.dryRun ? 'Dry run' : 'Real migration'}</StatusBadge>
          {report.resumed ? <StatusBadge tone="warning">Resumed</StatusBadge> : null}
        </span>
      }
    >
      <div className="stat-row">
        {users !== undefined ? (
          <div className="stat">
            <strong>{formatCount(users)}</strong>
            <span>users</span>
          </div>
        ) : null}
        <div className="stat">
          <strong>{formatCount(migrated)}</strong>
          <span>rows migrated</span>
        </div>
        <div className="stat">
          <strong>{formatDuration(report.durationMs)}</strong>
          <span>duration</span>
        </div>
        <div className="stat">
          <strong>
            {report.indexesRebuilt} / {report.constraintsRebuilt}
          </strong>
          <span>indexes / constraints rebuilt</span>
        </div>
      </div>
      <dl className="kv small">
        <dt>Started</dt>
        <dd>{formatWhen(report.startedAt)}</dd>
        <dt>MAS schema version</dt>
        <dd>{report.masSchemaVersion ?? 'unknown'}</dd>
        <dt>Providers added to MAS</dt>
        <dd>{report.providersInserted.length ? report.providersInserted.join(', ') : 'none'}</dd>
        <dt>Notices</dt>
        <dd>
          {formatCount(report.invalidIps)} invalid device IPs dropped, {formatCount(report.usersWithoutCreationTime)} users without a
          creation time
        </dd>
      </dl>
      {report.dryRun ? <p className="muted">A dry run: MAS was emptied at the end. The real migration should take about as long.</p> : null}
    </Panel>
  );
}
