import type { MigrationReport } from '../../../../src-shared/domain/report';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format';
import { skipReasonLabel, totalSkipped } from './skip-reasons';

/** Migrated and skipped rows per entity, each skip with its reason. */
export function EntityTable({ report }: { report: MigrationReport }) {
  return (
    <Panel title="Migrated and skipped" flush>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Entity</th>
            <th scope="col" className="num">
              Migrated
            </th>
            <th scope="col" className="num">
              Skipped
            </th>
            <th scope="col">Why skipped</th>
          </tr>
        </thead>
        <tbody>
          {report.entities.map((e) => (
            <tr key={e.stage}>
              <th scope="row">{e.label}</th>
              <td className="num">{formatCount(e.migrated)}</td>
              <td className="num">{formatCount(totalSkipped(e.skipped))}</td>
              <td>
                {Object.entries(e.skipped).length ? (
                  <ul className="list-plain small">
                    {Object.entries(e.skipped).map(([code, n]) => (
                      <li key={code}>
                        {formatCount(n)} — {skipReasonLabel(code)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
