import type { TableVerification } from '../../../../src-shared/domain/verification';
import { Table } from '../../components/Table';
import { formatCount } from '../../format';
import { differenceLabel, examplesText } from '../../../../src-shared/domain/verification-text';

/** Per MAS table: rows expected from Synapse, found in MAS, matching; each kind of difference with examples by user and device. */
export function VerificationTable({ tables }: { tables: readonly TableVerification[] }) {
  return (
    <Table
      label="Verification per table"
      columns={[
        { label: 'MAS table' },
        { label: 'Expected', numeric: true },
        { label: 'Found', numeric: true },
        { label: 'Matching', numeric: true },
        { label: 'Differences' },
      ]}
    >
      {tables.map((t) => (
        <tr key={t.table} data-table={t.table} data-differs={t.differences.length > 0 || undefined}>
          <th scope="row">
            <code>{t.table}</code>
          </th>
          <td className="num">{formatCount(t.expected)}</td>
          <td className="num">{formatCount(t.found)}</td>
          <td className="num">{formatCount(t.matching)}</td>
          <td>
            {t.differences.length ? (
              <ul className="list-plain small">
                {t.differences.map((d) => (
                  <li key={`${d.kind}-${d.field ?? ''}`}>
                    <span className="field-error">{differenceLabel(d)}</span>
                    {d.examples.length ? `: ${examplesText(d)}` : null}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">none</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
