import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `export` command is being built; see the open issues.
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`export` is not implemented yet");
    });
}
