import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `reparse` command is being built; see the open issues.
export function registerReparse(program: Command): void {
  program
    .command("reparse")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`reparse` is not implemented yet");
    });
}
