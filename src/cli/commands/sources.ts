import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `sources` command is being built; see the open issues.
export function registerSources(program: Command): void {
  program
    .command("sources")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`sources` is not implemented yet");
    });
}
