// Takes the LibreOffice conversion lock at argv[2], makes a temporary folder as a conversion does,
// prints "held", then waits to be killed (the test kills it with SIGKILL mid-"conversion").
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withLock } from "../../../parsers/ole/soffice.js";

await withLock(
  async () => {
    const work = await mkdtemp(join(tmpdir(), `nianbao-convert-${process.pid}-`));
    console.log(`held ${work}`);
    await new Promise(() => setInterval(() => undefined, 1000));
  },
  60_000,
  process.argv[2],
);
