import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `demo` command is being built; see the open issues.
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`demo` is not implemented yet");
    });
}
