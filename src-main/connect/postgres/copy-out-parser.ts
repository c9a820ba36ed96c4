import { CopyRow, readCopyHeader, readTuple } from './copy-binary';

/** Protocol message types (PostgreSQL frontend/backend protocol, "Message Formats"). */
const copyData = 0x64; // 'd'
const copyDone = 0x63; // 'c'
const errorResponse = 0x45; // 'E'

/**
 * The backend's side of a `COPY … TO STDOUT (FORMAT binary)` as the socket
 * delivers it: protocol messages (CopyData around the tuples, notices,
 * CopyDone) in chunks cut anywhere. Tuples are read in place from the
 * chunks, messages and tuples in one pass; a tuple cut by a chunk or message
 * boundary is completed in a buffer of its own bytes only. Pull-based: the
 * caller pushes chunks and takes tuples with `next()`.
 */
export class CopyOutParser {
  readonly row = new CopyRow();
  state: 'copying' | 'done' | 'error' = 'copying';
  readonly #queue: Buffer[] = [];
  #chunk: Buffer = Buffer.alloc(0);
  #pos = 0;
  /** Bytes of the current CopyData message not yet read, of any other message still to skip. */
  #dataLeft = 0;
  #skipLeft = 0;
  /** A message's type and length cut by a chunk boundary. */
  readonly #head = Buffer.alloc(5);
  #headHave = 0;
  #headerRead = false;
  #trailerRead = false;
  /** A tuple (or the COPY header) cut by a boundary: the bytes so far, and how many it needs at least. */
  #cut: Buffer = Buffer.allocUnsafe(1024);
  #cutHave = 0;
  #cutNeed = 0;

  push(chunk: Buffer): void {
    this.#queue.push(chunk);
  }

  /** Chunks received and not yet started. */
  get queued(): number {
    return this.#queue.length;
  }

  /** The stream ended with its trailer and no tuple left unfinished. */
  get complete(): boolean {
    return this.#trailerRead && this.#cutHave === 0;
  }

  /** Moves `row` to the next tuple; false when the bytes pushed so far hold none, or the COPY stopped (see `state`). */
  next(): boolean {
    while (this.state === 'copying') {
      if (this.#pos === this.#chunk.length) {
        const chunk = this.#queue.shift();
        if (!chunk) return false;
        this.#chunk = chunk;
        this.#pos = 0;
      } else if (this.#skipLeft > 0) {
        const n = Math.min(this.#skipLeft, this.#chunk.length - this.#pos);
        this.#pos += n;
        this.#skipLeft -= n;
      } else if (this.#dataLeft === 0) {
        this.#message();
      } else if (this.#data()) {
        return true;
      }
    }
    return false;
  }

  /** Takes the bytes after the point where the COPY stopped (from the ErrorResponse, or after CopyDone): the client's to read. */
  takeRest(): Buffer[] {
    const rest = [Buffer.from(this.#head.subarray(0, this.#headHave)), this.#chunk.subarray(this.#pos), ...this.#queue.splice(0)];
    this.#headHave = 0;
    this.#chunk = Buffer.alloc(0);
    this.#pos = 0;
    return rest.filter((bytes) => bytes.length > 0);
  }

  /** At a message boundary: reads the type and length (possibly across chunks) and what follows from them. */
  #message(): void {
    const chunk = this.#chunk;
    if ((this.#headHave > 0 ? this.#head[0] : chunk[this.#pos]) === errorResponse) {
      this.state = 'error'; // the client parses the error and the rest of the conversation
      return;
    }
    let type: number;
    let length: number;
    if (this.#headHave === 0 && chunk.length - this.#pos >= 5) {
      type = chunk[this.#pos]!;
      length = chunk.readUInt32BE(this.#pos + 1);
      this.#pos += 5;
    } else {
      const n = Math.min(5 - this.#headHave, chunk.length - this.#pos);
      chunk.copy(this.#head, this.#headHave, this.#pos, this.#pos + n);
      this.#headHave += n;
      this.#pos += n;
      if (this.#headHave < 5) return;
      this.#headHave = 0;
      type = this.#head[0]!;
      length = this.#head.readUInt32BE(1);
    }
    if (type === copyData) this.#dataLeft = length - 4;
    else if (type === copyDone) this.state = 'done';
    else this.#skipLeft = length - 4; // CopyOutResponse, notices, parameter changes
  }

  /** Inside a CopyData message: true when a tuple was read into `row`. */
  #data(): boolean {
    const chunk = this.#chunk;
    const start = this.#pos;
    const end = Math.min(chunk.length, start + this.#dataLeft);
    if (this.#trailerRead) {
      this.#consume(end - start); // nothing follows the trailer
      return false;
    }
    if (this.#cutHave === 0) {
      const after = this.#read(chunk, start, end);
      if (after >= 0) {
        this.#consume(after - start);
        return this.#got();
      }
      this.#keep(chunk, start, end);
      this.#cutNeed = -after - start;
      this.#consume(end - start);
      return false;
    }
    const n = Math.min(this.#cutNeed - this.#cutHave, end - start);
    this.#keep(chunk, start, start + n);
    this.#consume(n);
    if (this.#cutHave < this.#cutNeed) return false;
    const after = this.#read(this.#cut, 0, this.#cutHave);
    if (after < 0) {
      this.#cutNeed = -after;
      return false;
    }
    this.#cutHave = 0; // `row` still views these bytes until the next call
    this.row.transient = true;
    return this.#got();
  }

  /** The header, then one tuple or the trailer at buf[pos…end): see readTuple. */
  #read(buf: Buffer, pos: number, end: number): number {
    if (this.#headerRead) return readTuple(buf, pos, end, this.row);
    const after = readCopyHeader(buf, pos, end);
    if (after >= 0) {
      this.#headerRead = true;
      this.row.fields = -2; // not a tuple
    }
    return after;
  }

  #got(): boolean {
    if (this.row.fields === -1) this.#trailerRead = true;
    return this.row.fields >= 0;
  }

  #consume(n: number): void {
    this.#pos += n;
    this.#dataLeft -= n;
  }

  #keep(from: Buffer, start: number, end: number): void {
    const n = end - start;
    if (this.#cutHave + n > this.#cut.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.#cut.length, this.#cutHave + n));
      this.#cut.copy(grown, 0, 0, this.#cutHave);
      this.#cut = grown;
    }
    from.copy(this.#cut, this.#cutHave, start, end);
    this.#cutHave += n;
  }
}
