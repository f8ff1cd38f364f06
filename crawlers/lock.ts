// One crawl per store: a row holding the owner's pid and a heartbeat. A lock whose owner is gone
// (dead pid on this machine, or a heartbeat older than `staleAfterMs`) is taken over.
import type { Database } from "better-sqlite3";
import { hostname } from "node:os";

export class CrawlLockedError extends Error {
  constructor(
    readonly pid: number,
    readonly host: string,
  ) {
    super(`another crawl (pid ${pid} on ${host}) is using this store`);
    this.name = "CrawlLockedError";
  }
}

interface LockRow {
  pid: number;
  hostname: string;
  heartbeat_at: number;
}

export interface CrawlLock {
  release(): void;
}

export function acquireCrawlLock(
  db: Database,
  { staleAfterMs = 60_000, heartbeatMs = 10_000 }: { staleAfterMs?: number; heartbeatMs?: number } = {},
): CrawlLock {
  const me = hostname();
  db.transaction(() => {
    const row = db.prepare("SELECT pid, hostname, heartbeat_at FROM crawl_lock WHERE id = 1").get() as
      LockRow | undefined;
    if (row && isAlive(row, me, staleAfterMs)) throw new CrawlLockedError(row.pid, row.hostname);
    db.prepare(
      `INSERT INTO crawl_lock (id, pid, hostname, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, hostname = excluded.hostname,
         acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
    ).run(process.pid, me, new Date().toISOString(), Date.now());
  }).immediate();
  const beat = setInterval(() => {
    db.prepare("UPDATE crawl_lock SET heartbeat_at = ? WHERE id = 1 AND pid = ?").run(
      Date.now(),
      process.pid,
    );
  }, heartbeatMs);
  beat.unref();
  return {
    release() {
      clearInterval(beat);
      db.prepare("DELETE FROM crawl_lock WHERE id = 1 AND pid = ?").run(process.pid);
    },
  };
}

function isAlive(row: LockRow, me: string, staleAfterMs: number): boolean {
  if (row.hostname === me) {
    if (row.pid === process.pid) return true;
    try {
      process.kill(row.pid, 0);
    } catch (error) {
      // ESRCH: no such process, so the crawl holding the lock was killed.
      if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    }
  }
  return Date.now() - row.heartbeat_at < staleAfterMs;
}
