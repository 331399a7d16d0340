import { Writable } from 'node:stream';
import type { TextSink } from '../cli/cliCommand';

/**
 * The stream a `ProgressBar` should write to: the sink itself when it is a Node stream (e.g.
 * `process.stdout`, so a terminal gets the live bar), else a stream forwarding text to the sink
 * (tests, embedding), which gets plain per-epoch lines.
 *
 * @param sink - where the command writes its output
 * @returns a writable stream
 */
export function progressStream(sink: TextSink): NodeJS.WritableStream & { isTTY?: boolean } {
  if (sink instanceof Writable) return sink;
  return new Writable({
    write(chunk: unknown, _encoding, callback) {
      sink.write(typeof chunk === 'string' ? chunk : String(chunk));
      callback();
    },
  });
}
