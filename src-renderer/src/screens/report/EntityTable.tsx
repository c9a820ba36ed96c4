import type { MigrationReport } from '../../../../src-shared/domain/report';
import { Panel } from '../../components/Panel';
import { Table } from '../../components/Table';
import { formatCount } from '../../format';
import { skipReasonLabel, totalSkipped } from './skip-reasons';

/** Migrated and skipped rows per entity, each skip with its reason. */
export function EntityTable({ report }: { report: MigrationReport }) {
  return (
    <Panel title="Migrated and skipped" flush>
      <Table
        columns={[{ label: 'Entity' }, { label: 'Migrated', numeric: true }, { label: 'Skipped', numeric: true }, { label: 'Why skipped' }]}
      >
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
      </Table>
    </Panel>
  );
}
