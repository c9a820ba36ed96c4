/** What a server answered, read defensively: at most `maxBodyBytes` of body, JSON when it parses. */
export interface HttpAnswer {
  status: number;
  /** The Location header of a redirect that was not followed. */
  location: string | null;
  text: string;
  json: unknown;
}

export type HttpFailure = { kind: 'unreachable' | 'timeout' | 'tls'; message: string };

export type ProbeResult = { answer: HttpAnswer; failure?: undefined } | { answer?: undefined; failure: HttpFailure };

export interface ProbeOptions {
  /** Sent as `Authorization: Bearer …`; such a request never follows a redirect, so the token goes nowhere else. */
  bearer?: string;
  timeoutMs?: number;
  /** The Accept header [application/json]. */
  accept?: string;
}

const maxBodyBytes = 1 << 20;
const tlsCodes = /CERT|SSL|TLS|UNABLE_TO_VERIFY|SELF_SIGNED/;

/** One GET with Node's fetch; network failures come back as a kind and a message, never as a throw. */
export async function probe(url: URL, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const response = await fetch(url, {
      headers: { accept: options.accept ?? 'application/json', ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}) },
      redirect: options.bearer ? 'manual' : 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await cappedText(response);
    return { answer: { status: response.status, location: response.headers.get('location'), text, json: parseJson(text) } };
  } catch (error) {
    return { failure: describeFailure(error, timeoutMs) };
  }
}

async function cappedText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value);
    size += r.value.byteLength;
    if (size >= maxBodyBytes) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown, timeoutMs: number): HttpFailure {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', message: `no answer within ${timeoutMs / 1000} s` };
  // fetch reports network errors as "fetch failed" with the system or TLS error as its cause.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const message = cause?.message ?? (error as Error).message ?? String(error);
  return { kind: tlsCodes.test(code) ? 'tls' : 'unreachable', message: code && !message.includes(code) ? `${code}: ${message}` : message };
}
