import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecretLine, type SecretInput } from '../../../src-main/hosts/cli/secret-input';

/** A terminal as the reader sees it: raw mode switches, and keystrokes arriving as chunks. */
class FakeTerminal extends EventEmitter {
  isTTY = true;
  raw: boolean[] = [];
  setRawMode(mode: boolean) {
    this.raw.push(mode);
  }
  setEncoding() {}
  resume() {}
  pause() {}
  type(...chunks: string[]) {
    for (const chunk of chunks) this.emit('data', chunk);
  }
}

const prompt = () => {
  const written: string[] = [];
  return { written, write: (t: string) => written.push(t) };
};

describe('reading a secret from standard input', () => {
  it('on a terminal: prompts, echoes nothing, honours Backspace, ends at Enter and leaves raw mode', async () => {
    const terminal = new FakeTerminal();
    const out = prompt();
    const line = readSecretLine(terminal as unknown as SecretInput, out, 'password', 'Password: ');
    terminal.type('pa', 'x\u007f', 'ss wörd😀', '\r', 'ignored');
    expect(await line).toBe('pass wörd😀');
    expect(out.written).toEqual(['Password: ', '\n']);
    expect(terminal.raw).toEqual([true, false]);
  });

  it('on a terminal: Ctrl-C cancels', async () => {
    const terminal = new FakeTerminal();
    const line = readSecretLine(terminal as unknown as SecretInput, prompt(), 'password', 'Password: ');
    terminal.type('sec\u0003');
    await expect(line).rejects.toMatchObject({ name: 'AbortError' });
    expect(terminal.raw).toEqual([true, false]);
  });

  it('from a pipe: the first line without its ending, and no prompt', async () => {
    const out = prompt();
    const pipe = Readable.from(['  spaced pass', 'word \r\nsecond line\n']) as unknown as SecretInput;
    expect(await readSecretLine(pipe, out, 'password', 'Password: ')).toBe('  spaced password ');
    expect(out.written).toEqual([]);
    expect(await readSecretLine(Readable.from(['last line, no newline']) as unknown as SecretInput, out, 'x', '')).toBe(
      'last line, no newline',
    );
  });

  it('nothing given is bad input', async () => {
    await expect(readSecretLine(Readable.from(['\n']) as unknown as SecretInput, prompt(), 'access token', '')).rejects.toMatchObject({
      code: 'usage',
      message: 'No access token was given on standard input.',
    });
    await expect(readSecretLine(Readable.from([]) as unknown as SecretInput, prompt(), 'password', '')).rejects.toMatchObject({
      code: 'usage',
    });
  });
});
