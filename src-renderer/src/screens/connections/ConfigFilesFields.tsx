import type { ConfigLoadWarning } from '../../../../src-shared/domain/config';
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
  /** A path may be a folder standing for its *.yaml files (Synapse's conf.d). */
  folders?: boolean;
  /** What the saved paths gave when main last read them: the files merged, in order, and what was skipped. */
  read?: { files: readonly string[]; warnings: readonly ConfigLoadWarning[] } | undefined;
}

const locations = [
  { value: 'local', label: 'On this computer' },
  { value: 'ssh', label: 'On the server (SSH)' },
] as const;

/** Where the side's config lives: one or more YAML files (or Synapse folders), merged in order like the server does. */
export function ConfigFilesFields({ sideName, files, onChange, onBrowse, placeholder, hint, folders, read }: ConfigFilesFieldsProps) {
  const paths = files.paths.length ? files.paths : [''];
  const folderHint = folders
    ? 'A folder (such as conf.d) stands for the .yaml files directly in it, in sorted order, as for Synapse.'
    : undefined;
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
              hint={index === 0 ? (hint ?? folderHint) : undefined}
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
          {folders ? 'Add another file or folder' : 'Add another file'}
        </Button>
      </div>
      {read ? <ReadFiles sideName={sideName} read={read} /> : null}
    </div>
  );
}

function ReadFiles({ sideName, read }: { sideName: string; read: NonNullable<ConfigFilesFieldsProps['read']> }) {
  return (
    <div className="hint">
      <p>Read in this order (later files win):</p>
      <ol aria-label={`${sideName} config files read`}>
        {read.files.map((file) => (
          <li key={file}>
            <code>{file}</code>
          </li>
        ))}
      </ol>
      {read.warnings.length ? (
        <ul aria-label={`${sideName} config entries skipped`}>
          {read.warnings.map((w) => (
            <li key={`${w.id}:${w.source}`}>{w.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
