// Locations inside the installed package, valid both from sources (tsx) and from dist/.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`nianbao: package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const dataDir = join(projectRoot, "data");
export const metricsPath = join(dataDir, "metrics.json");
export const defaultDbPath = join(dataDir, "nianbao.db");
