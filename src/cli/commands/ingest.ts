import type { Command } from "commander";
import { UserError } from "../exit-codes.js";

// Placeholder: the `ingest` command is being built; see the open issues.
export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("(not yet available)")
    .action(() => {
      throw new UserError("`ingest` is not implemented yet");
    });
}
