import type { MigrationProgress } from '../../../../src-shared/domain/progress';
import { Panel } from '../../components/Panel';
import { RebuildRow } from './RebuildRow';
import { StageRow } from './StageRow';

/** Every stage of SPEC §6 in order: setup, entities, index and constraint rebuilds, finishing. */
export function StageList({ progress }: { progress: MigrationProgress }) {
  const of = (kind: string) => progress.stages.filter((s) => s.kind === kind);
  const simple = (kind: 'setup' | 'finish') =>
    of(kind).map((s) => (
      <p key={s.id} className="row small">
        <strong>{s.label}</strong>
        <span className="muted">{s.status === 'done' ? 'done' : s.status === 'running' ? 'in progress…' : 'waiting'}</span>
      </p>
    ));
  return (
    <Panel title="Stages">
      {simple('setup')}
      {of('entity').map((stage) => (
        <StageRow key={stage.id} stage={stage} />
      ))}
      {of('index').length ? <RebuildRow label="Rebuilding indexes" item="index" stages={of('index')} /> : null}
      {of('constraint').length ? <RebuildRow label="Rebuilding constraints" item="constraint" stages={of('constraint')} /> : null}
      {simple('finish')}
    </Panel>
  );
}
