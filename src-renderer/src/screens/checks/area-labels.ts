import type { Finding } from '../../../../src-shared/domain/finding';

export const areaLabels: Record<Finding['area'], string> = {
  'synapse-config': 'Synapse configuration',
  'mas-config': 'MAS configuration',
  'synapse-database': 'Synapse database',
  'mas-database': 'MAS database',
  'data-integrity': 'Data integrity',
  connection: 'Connections',
};
