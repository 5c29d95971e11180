/**
 * Formatting away from the message loop in the Node server: a worker thread runs the jobs
 * (formatJobs.ts). The thread is the server's own bundle started again (`serveFormatJobs`),
 * started on the first big format and kept, unreferenced, for the next.
 */
import { Worker, parentPort } from 'node:worker_threads';
import { FormatJob, offThreadFormatter, runFormatJob } from './formatJobs';
import type { OffThreadFormatter } from './session';

/** The thread's side: formats each text it is sent and sends the result back. */
export function serveFormatJobs(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: FormatJob) => port.postMessage(runFormatJob(job)));
}

/** The server's side: a worker thread running `script` (the server's bundle). */
export function threadFormatter(script: string): OffThreadFormatter {
  return offThreadFormatter((reply, fail) => {
    const w = new Worker(script);
    w.on('message', reply);
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the formatting thread stopped (exit code ${code})`)));
    // An idle thread must not keep the server alive after the client has gone.
    w.unref();
    return { post: (job) => w.postMessage(job), stop: () => void w.terminate() };
  }, 'on a worker thread');
}
