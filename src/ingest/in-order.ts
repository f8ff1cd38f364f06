// Handing documents to a group-committing pipeline without waiting for each outcome, yet giving the
// outcomes in the order the documents were handed: `nianbao ingest` prints each line only once its
// document is committed, and a few documents share a commit.

/** Outcomes under way, given to `report` in the order added. */
export class InOrder<T, O> {
  private readonly pending: { item: T; outcome: Promise<O> }[] = [];

  constructor(
    /** At most this many outcomes under way: adding one more first waits for the oldest. */
    private readonly ahead: number,
    private readonly report: (item: T, outcome: O) => void,
  ) {}

  /** Adds an outcome under way; gives the oldest ones while more than `ahead` are. A failure throws here. */
  async add(item: T, outcome: Promise<O>): Promise<void> {
    // Awaited in turn below; a failure must not surface earlier as an unhandled rejection.
    outcome.catch(() => undefined);
    this.pending.push({ item, outcome });
    while (this.pending.length > this.ahead) await this.next();
  }

  /** Gives every outcome still under way. */
  async finish(): Promise<void> {
    while (this.pending.length) await this.next();
  }

  private async next(): Promise<void> {
    const { item, outcome } = this.pending.shift()!;
    this.report(item, await outcome);
  }
}
