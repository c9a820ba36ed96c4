import type { ConfigFiles } from '../../../../src-shared/domain/profile';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { TextField } from '../../components/TextField';

export interface ConfigFilesFieldsProps {
  sideName: string;
  files: ConfigFiles;
  onChange: (files: ConfigFiles) => void;
  /** Opens the file browser for one path slot (remote files over SSH). */
  onBrowse?: (index: number) => void;
  placeholder: string;
  hint?: string | undefined;
}

const locations = [
  { value: 'local', label: 'On this computer' },
  { value: 'ssh', label: 'On the server (SSH)' },
] as const;

/** Where the side's config lives: one or more YAML files, merged in order like the server does. */
export function ConfigFilesFields({ sideName, files, onChange, onBrowse, placeholder, hint }: ConfigFilesFieldsProps) {
  const paths = files.paths.length ? files.paths : [''];
  const setPath = (index: number, value: string) => onChange({ ...files, paths: paths.map((p, i) => (i === index ? value : p)) });
  return (
    <div className="stack">
      <ChoiceGroup
        legend={`${sideName} config files are`}
        value={files.location}
        options={locations}
        onChange={(location) => onChange({ ...files, location })}
      />
      {paths.map((path, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the slots are positions in the merge order, and may be empty or equal while typed
        <div className="row bottom" key={index}>
          <div className="grow">
            <TextField
              label={index === 0 ? `${sideName} config file` : `${sideName} config file ${index + 1} (merged over the previous)`}
              value={path}
              onChange={(v) => setPath(index, v)}
              placeholder={placeholder}
              hint={index === 0 ? hint : undefined}
              spellCheck={false}
            />
          </div>
          {files.location === 'ssh' && onBrowse ? (
            <Button onClick={() => onBrowse(index)} aria-label={`Browse the server for ${sideName} config file ${index + 1}`}>
              Browse…
            </Button>
          ) : null}
          {index > 0 ? (
            <Button
              variant="ghost"
              onClick={() => onChange({ ...files, paths: paths.filter((_, i) => i !== index) })}
              aria-label={`Remove ${sideName} config file ${index + 1}`}
            >
              Remove
            </Button>
          ) : null}
        </div>
      ))}
      <div>
        <Button
          size="small"
          variant="ghost"
          onClick={() => onChange({ ...files, paths: [...paths, ''] })}
          disabled={paths[paths.length - 1] === ''}
        >
          Add another file
        </Button>
      </div>
    </div>
  );
}
