import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `parse` command is being built; see the open issues.
export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`parse` is not implemented yet");
    });
}
