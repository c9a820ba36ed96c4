import { AppError } from '../../../src-shared/errors';

/** Standard input as a secret is read from it: a terminal (raw mode, so nothing is echoed) or a pipe. */
export interface SecretInput {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** A longer line is not a password or token anybody types or pastes. */
const maxLength = 4096;

export class SecretInputCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

/**
 * One line of standard input, without its line ending. On a terminal the
 * prompt goes to `prompt` and the typed characters are not echoed
 * (Backspace edits, Ctrl-C cancels); from a pipe only the first line is read.
 * `what` names the secret in errors ("password", "access token").
 */
export function readSecretLine(input: SecretInput, prompt: { write(text: string): unknown }, what: string, label: string): Promise<string> {
  const tty = input.isTTY === true && typeof input.setRawMode === 'function';
  return new Promise<string>((resolve, reject) => {
    let line = '';
    const finish = (error?: Error) => {
      input.removeAllListeners('data');
      input.removeAllListeners('end');
      input.removeAllListeners('error');
      if (tty) {
        input.setRawMode!(false);
        prompt.write('\n');
      }
      input.pause();
      if (error) reject(error);
      else if (line === '')
        reject(new AppError('usage', `No ${what} was given on standard input.`, `Type the ${what} (or pipe it in), then Enter.`));
      else if (line.length > maxLength)
        reject(new AppError('usage', `The ${what} on standard input is longer than ${maxLength} characters.`));
      else resolve(line);
    };
    input.setEncoding('utf8');
    input.on('error', (error) => finish(error));
    input.on('end', () => finish());
    input.on('data', (chunk) => {
      for (const char of chunk) {
        if (char === '\n' || char === '\r' || (tty && char === '\u0004')) return finish();
        if (tty && char === '\u0003') return finish(new SecretInputCancelled());
        if (tty && (char === '\u007f' || char === '\b')) line = [...line].slice(0, -1).join('');
        else line += char;
      }
    });
    if (tty) {
      prompt.write(label);
      input.setRawMode!(true);
    }
    input.resume();
  });
}
