import { describe, expect, it } from 'vitest';
import { editsBetween, lineOfPointer, syntaxProblems } from '../../../src-renderer/src/screens/configuration/yaml-edits';

const preview = `http:
  public_base: https://auth.example.org/
  listeners:
    - name: web
      binds:
        - address: "[::]:8080"
matrix:
  homeserver: example.org
  secret: <redacted>
passwords:
  schemes:
    - version: 1
      algorithm: bcrypt
    - version: 2
      algorithm: argon2id
      secret: <redacted>
`;
const edited = (from: string, to: string) => {
  if (!preview.includes(from)) throw new Error(`the preview has no ${from}`);
  return preview.replace(from, to);
};

describe('the edits sent to main for the editor text', () => {
  it('sends nothing when nothing changed, whatever the formatting', () => {
    expect(editsBetween(preview, preview)).toEqual([]);
    const restyled = edited(
      'matrix:\n  homeserver: example.org\n  secret: <redacted>',
      'matrix: { homeserver: "example.org", secret: "<redacted>" } # flow style',
    );
    expect(editsBetween(preview, `# a comment\n${restyled}`)).toEqual([]);
  });

  it('sets a changed value by its path and nothing else, so secrets beside it stay as they are', () => {
    expect(editsBetween(preview, edited('homeserver: example.org', 'homeserver: matrix.example.org'))).toEqual([
      { path: ['matrix', 'homeserver'], value: 'matrix.example.org' },
    ]);
  });

  it('sets an added key with its whole value, and removes a deleted key with null', () => {
    expect(editsBetween(preview, `${preview}branding:\n  service_name: Example\n`)).toEqual([
      { path: ['branding'], value: { service_name: 'Example' } },
    ]);
    expect(editsBetween(preview, edited('  public_base: https://auth.example.org/\n', ''))).toEqual([
      { path: ['http', 'public_base'], value: null },
    ]);
  });

  it('edits list items by index, appends new ones, and removes from the end first so the indexes stay right', () => {
    expect(editsBetween(preview, edited('algorithm: argon2id', 'algorithm: pbkdf2'))).toEqual([
      { path: ['passwords', 'schemes', 1, 'algorithm'], value: 'pbkdf2' },
    ]);
    const three = `a:\n  - 1\n  - 2\n  - 3\n`;
    expect(editsBetween(three, `a:\n  - 1\n  - 2\n  - 3\n  - 4\n`)).toEqual([{ path: ['a', 3], value: 4 }]);
    expect(editsBetween(three, `a:\n  - 1\n`)).toEqual([
      { path: ['a', 2], value: null },
      { path: ['a', 1], value: null },
    ]);
  });

  it('replaces a value whose type changed as a whole', () => {
    expect(editsBetween('a:\n  b: 1\n', 'a: off\n')).toEqual([{ path: ['a'], value: 'off' }]);
  });

  it('refuses to move or copy a redacted secret, naming where it was put', () => {
    const copied = `${preview}extra:\n  secret: <redacted>\n`;
    expect(() => editsBetween(preview, copied)).toThrow(/^extra: a value shown as <redacted> cannot be moved or copied here/);
    const listCopied = `${preview}more_schemes:\n  - version: 2\n    secret: <redacted>\n`;
    expect(() => editsBetween(preview, listCopied)).toThrow(/^more_schemes: a value shown as <redacted>/);
    const moved = edited(
      'version: 2\n      algorithm: argon2id\n      secret: <redacted>',
      'version: 2\n      algorithm: argon2id',
    ).replace('algorithm: bcrypt', 'algorithm: bcrypt\n      secret: <redacted>');
    expect(() => editsBetween(preview, moved)).toThrow(/^passwords\.schemes\.0\.secret: a value shown as <redacted>/);
  });

  it('refuses text that is not YAML, or not a map of settings', () => {
    expect(() => editsBetween(preview, 'http: [unclosed')).toThrow(/^Not valid YAML: /);
    expect(() => editsBetween(preview, `${preview}matrix:\n  homeserver: twice\n`)).toThrow(/^Not valid YAML: .*unique/i);
    expect(() => editsBetween(preview, '- a list\n')).toThrow('The MAS config must be a map of settings.');
  });
});

describe('YAML problems in the editor', () => {
  it('finds none in valid YAML', () => {
    expect(syntaxProblems(preview)).toEqual([]);
  });

  it('places an error on its line and column, a repeated key included', () => {
    expect(syntaxProblems('a: 1\nb: 2\na: 3\n')).toEqual([
      { line: 3, column: 1, severity: 'error', message: 'Map keys must be unique at line 3, column 1:' },
    ]);
  });
});

describe('the line of a validation problem', () => {
  it('is the line of the value a JSON pointer names, through maps and lists', () => {
    expect(lineOfPointer(preview, '/matrix/homeserver')).toBe(8);
    expect(lineOfPointer(preview, '/passwords/schemes/1/algorithm')).toBe(15);
    expect(lineOfPointer(preview, '/http/listeners/0/binds/0/address')).toBe(6);
  });

  it("is its closest parent's line when the value is missing, and the first line for the root", () => {
    expect(lineOfPointer(preview, '/passwords/schemes/1/cost')).toBe(14);
    expect(lineOfPointer(preview, '/branding/service_name')).toBe(1);
    expect(lineOfPointer(preview, '')).toBe(1);
  });

  it('reads ~1 as / and ~0 as ~ in a pointer segment', () => {
    expect(lineOfPointer('a: 1\n"x/y~z": 2\n', '/x~1y~0z')).toBe(2);
  });
});
