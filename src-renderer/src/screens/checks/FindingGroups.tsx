import { plural } from '../../../../src-shared/text';
import type { Finding } from '../../../../src-shared/domain/finding';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { findingKey } from '../../store/checks-state';
import { areaLabels } from './area-labels';
import { FindingItem } from './FindingItem';

export interface FindingGroupsProps {
  findings: readonly Finding[];
  acknowledged: ReadonlySet<string>;
  onAcknowledge: (key: string, acknowledged: boolean) => void;
}

const order: Finding['severity'][] = ['error', 'warning', 'info'];

/** Findings grouped by area, errors first inside each group. */
export function FindingGroups({ findings, acknowledged, onAcknowledge }: FindingGroupsProps) {
  const areas = (Object.keys(areaLabels) as Finding['area'][]).filter((area) => findings.some((f) => f.area === area));
  return (
    <>
      {areas.map((area) => {
        const inArea = findings.filter((f) => f.area === area).sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
        const errors = inArea.filter((f) => f.severity === 'error').length;
        const warnings = inArea.filter((f) => f.severity === 'warning').length;
        return (
          <Panel
            key={area}
            flush
            title={areaLabels[area]}
            actions={
              <>
                {errors ? <StatusBadge tone="error">{plural(errors, 'error')}</StatusBadge> : null}
                {warnings ? <StatusBadge tone="warning">{plural(warnings, 'warning')}</StatusBadge> : null}
              </>
            }
          >
            {inArea.map((finding) => (
              <FindingItem
                key={findingKey(finding)}
                finding={finding}
                acknowledged={acknowledged.has(findingKey(finding))}
                onAcknowledge={(a) => onAcknowledge(findingKey(finding), a)}
              />
            ))}
          </Panel>
        );
      })}
    </>
  );
}
