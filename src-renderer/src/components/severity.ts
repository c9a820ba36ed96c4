import type { Severity } from '../../../src-shared/domain/finding';
import type { Tone } from './StatusBadge';

export const severityTone: Record<Severity, Tone> = { error: 'error', warning: 'warning', info: 'info' };
export const severityLabel: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };
