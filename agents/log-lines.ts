// Turns Docker's log bytes into bounded lines: the multiplexed stdout/stderr framing is parsed
// incrementally (no frame is ever held whole), UTF-8 is decoded across chunk edges, lines longer
// than MAX_LOG_LINE_CHARS are cut and marked, and Docker's timestamp prefix becomes `at`.
import { StringDecoder } from "node:string_decoder";
import { MAX_LOG_LINE_CHARS, type LogLine } from "@/lib/protocol";

const HEADER_BYTES = 8;
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) ?/;
/** Marks a line that was cut at MAX_LOG_LINE_CHARS. */
export const CUT_MARK = " …[cut]";

type Stream = LogLine["stream"];

/** Splits one output stream's text into lines, bounded in memory by MAX_LOG_LINE_CHARS. */
class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";
  private skipping = false;

  constructor(private readonly stream: Stream, private readonly onLine: (line: LogLine) => void) {}

  write(chunk: Buffer): void {
    this.take(this.decoder.write(chunk));
  }

  end(): void {
    this.take(this.decoder.end());
    if (this.partial !== "" && !this.skipping) this.emit(this.partial, false);
    this.partial = "";
    this.skipping = false;
  }

  private take(text: string): void {
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        this.partial = "";
        continue;
      }
      const line = this.partial + piece;
      this.partial = "";
      this.emit(line, false);
    }
    if (this.skipping) return;
    this.partial += text.slice(start);
    if (this.partial.length > MAX_LOG_LINE_CHARS + 64) {
      this.emit(this.partial, true);
      this.partial = "";
      this.skipping = true; // the rest of this line is dropped up to its newline
    }
  }

  private emit(raw: string, cut: boolean): void {
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    let at: string | null = null;
    const m = TIMESTAMP.exec(line);
    if (m) {
      at = m[1]!;
      line = line.slice(m[0].length);
    }
    if (cut || line.length > MAX_LOG_LINE_CHARS) line = line.slice(0, MAX_LOG_LINE_CHARS - CUT_MARK.length) + CUT_MARK;
    this.onLine({ stream: this.stream, at, text: line });
  }
}

/**
 * A parser for one container's log bytes. `tty` containers send raw text (all stdout); others send
 * Docker's frames: [stream, 0, 0, 0, size (u32 BE)] then `size` bytes.
 */
export class LogDecoder {
  private readonly out: LineSplitter;
  private readonly err: LineSplitter;
  private header = Buffer.alloc(0);
  private remaining = 0;
  private current: LineSplitter | null = null;

  constructor(private readonly tty: boolean, onLine: (line: LogLine) => void) {
    this.out = new LineSplitter("stdout", onLine);
    this.err = new LineSplitter("stderr", onLine);
  }

  write(chunk: Buffer): void {
    if (this.tty) return this.out.write(chunk);
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        this.current?.write(chunk.subarray(at, at + n));
        this.remaining -= n;
        at += n;
        continue;
      }
      const need = HEADER_BYTES - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + need)]);
      at += need;
      if (this.header.length < HEADER_BYTES) return;
      const kind = this.header[0];
      this.remaining = this.header.readUInt32BE(4);
      this.current = kind === 2 ? this.err : kind === 1 || kind === 0 ? this.out : null; // 3 (system) and others: skipped
      this.header = Buffer.alloc(0);
    }
  }

  end(): void {
    this.out.end();
    this.err.end();
  }
}
