import { startWorker } from "../../../scripts/lib/local-stack.mjs";
import { RUNTIME_CRASH } from "./worker-log";

type Worker = Awaited<ReturnType<typeof startWorker>>;
type WorkerOptions = NonNullable<Parameters<typeof startWorker>[0]>;

/**
 * `wrangler dev` for the whole browser suite, started again on the same port and the same
 * on-disk state if workerd itself crashes. A V8 fatal error inside workerd (seen once in CI:
 * "Missing deoptimization information for OptimizedJSFrame::Summarize") leaves wrangler
 * running with nothing behind its proxy, so every later test would time out against a dead
 * server. The crash stays visible: it is in the worker log, printed here, and the test it
 * interrupted fails with it before its one retry (see runtime-crash.ts).
 */
export async function superviseWorker(options: WorkerOptions) {
  let current: Worker = await startWorker(options);
  let restarting: Promise<void> | null = null;
  let stopping = false;

  const restart = (reason: string) => {
    if (restarting || stopping) return;
    console.error(`\n── e2e: the runtime crashed (${reason}); restarting wrangler dev\n`);
    restarting = (async () => {
      await current.stop();
      current = await startWorker(options);
      watch(current);
    })().finally(() => {
      restarting = null;
    });
  };

  const watch = (worker: Worker) => {
    // A chunk may end mid-line: the signature is looked for in the recent tail.
    let tail = "";
    const onOutput = (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-4096);
      const crash = tail.match(RUNTIME_CRASH);
      if (crash) {
        tail = "";
        restart(crash[0]);
      }
    };
    worker.child.stdout?.on("data", onOutput);
    worker.child.stderr?.on("data", onOutput);
    worker.child.once("exit", (code) => {
      if (worker === current) restart(`wrangler dev exited with ${code}`);
    });
  };
  watch(current);

  return {
    url: current.url,
    stop: async () => {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
