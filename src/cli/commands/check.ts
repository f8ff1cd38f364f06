import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `check` command is being built; see the open issues.
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`check` is not implemented yet");
    });
}
