import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `crawl` command is being built; see the open issues.
export function registerCrawl(program: Command): void {
  program
    .command("crawl")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`crawl` is not implemented yet");
    });
}
