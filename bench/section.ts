/** One part of `npm run bench`; `run` prints its own results (a table of figures and their baseline). */
export interface BenchSection {
  title: string;
  run(): Promise<void>;
}
