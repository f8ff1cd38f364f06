// Group commit for the ingest pipeline: documents handed while earlier ones are still being
// written are written one after the other, in the order handed, inside one transaction of the
// store (Store.beginGroup), and committed together. With a commit per document, the commit (the
// WAL's page writes of every index a document touches) was most of a bulk ingest's time. Each
// document's outcome is given only after its group's commit, so "an outcome seen = a document
// stored" holds as with one commit per document.
import type { Store } from "../store/index.js";

export interface GroupCommitOptions {
  /** At most this many documents per commit. */
  documents: number;
  /** At most this long from a group's first write to its commit (other processes wait that long). */
  ms: number;
}

/**
 * What `nianbao ingest` (and its bench) uses: at most 32 documents or 250 ms to a commit, so another
 * process waits for the store's lock far under its 5 s busy timeout.
 */
export const INGEST_GROUP: GroupCommitOptions = { documents: 32, ms: 250 };

interface Member {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  /** The writes so far, in the order handed: the next one starts when this settles. */
  private tail: Promise<void> = Promise.resolve();
  /** Documents handed and not yet written: while there are any, the group stays open. */
  private waiting = 0;
  /** Documents written in the open group, whose outcomes wait for its commit. */
  private members: Member[] = [];
  private timer: NodeJS.Timeout | null = null;
  private idle: NodeJS.Immediate | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Runs one document's write after the ones handed before; its outcome once committed. */
  run<T>(write: () => Promise<T>): Promise<T> {
    this.waiting++;
    return new Promise<T>((resolve, reject) => {
      this.tail = this.tail.then(async () => {
        let value: T;
        try {
          if (this.closed) throw new Error("the store was closed before this document was written");
          this.open();
          value = await write();
        } catch (error) {
          this.waiting--;
          // What the group holds is kept (and given); this document's own failure follows. Had
          // SQLite rolled the whole group back (a full disk), its documents fail with this cause.
          this.commit(error);
          reject(error);
          return;
        }
        this.waiting--;
        // Its writes were committed with an earlier group (by the timer) and it wrote none since.
        if (!this.store.grouped) return resolve(value);
        this.members.push({ resolve: () => resolve(value), reject });
        if (this.members.length >= this.options.documents) this.commit();
        // Nobody else is waiting to be written: committed unless one is handed before the event
        // loop turns (a caller handing documents in a loop hands the next in a microtask; one that
        // waits for each outcome gets it after one turn).
        else if (this.waiting === 0) this.idle ??= setImmediate(() => this.commitIfIdle());
      });
    });
  }

  /** Joins the open group, or opens one (its timer starts with it). */
  open(): void {
    if (this.closed || this.store.grouped) return;
    this.store.beginGroup();
    this.timer = setTimeout(() => this.commit(), this.options.ms);
  }

  /** Waits for every document handed so far and commits what is left. */
  async drain(): Promise<void> {
    await this.tail;
    this.commit();
  }

  /** Stops: documents not yet committed are not kept, their outcomes are failures. */
  close(): void {
    this.closed = true;
    this.stopTimer();
    const members = this.members;
    this.members = [];
    const error = new Error("the store was closed before this document's group was committed");
    for (const member of members) member.reject(error);
  }

  private commitIfIdle(): void {
    this.idle = null;
    if (this.waiting === 0) this.commit();
  }

  private commit(cause?: unknown): void {
    this.stopTimer();
    const members = this.members;
    this.members = [];
    try {
      this.store.commitGroup();
    } catch (error) {
      for (const member of members) member.reject(cause ?? error);
      return;
    }
    for (const member of members) member.resolve();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.idle) clearImmediate(this.idle);
    this.timer = null;
    this.idle = null;
  }
}
