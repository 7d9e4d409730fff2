// Background jobs of the control plane: each runs on its interval, never overlaps itself, logs
// failures without stopping, and `stop()` waits for runs in progress.
import { log } from "@/lib/log";

interface Job {
  name: string;
  timer: NodeJS.Timeout;
  running?: Promise<void>;
}

export class Schedulers {
  private readonly jobs: Job[] = [];
  private readonly stopHooks: (() => Promise<void> | void)[] = [];
  private stopped = false;

  /** Runs `fn` during stop(), after the interval jobs have finished (e.g. flush buffered writes). */
  onStop(fn: () => Promise<void> | void): void {
    this.stopHooks.push(fn);
  }

  every(name: string, intervalMs: number, fn: () => Promise<void>): void {
    const job: Job = {
      name,
      timer: setInterval(() => {
        if (this.stopped || job.running) return;
        job.running = fn()
          .catch((err: unknown) => log.error("scheduler", "job failed", { job: name, error: err instanceof Error ? err.message : String(err) }))
          .finally(() => { job.running = undefined; });
      }, intervalMs),
    };
    job.timer.unref();
    this.jobs.push(job);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const j of this.jobs) clearInterval(j.timer);
    await Promise.all(this.jobs.map((j) => j.running));
    for (const hook of this.stopHooks) {
      await Promise.resolve()
        .then(hook)
        .catch((err: unknown) => log.error("scheduler", "stop hook failed", { error: err instanceof Error ? err.message : String(err) }));
    }
  }
}
