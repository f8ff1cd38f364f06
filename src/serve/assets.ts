// The fixed map of files the server sends: its own script and style, and ECharts' dist file from
// node_modules. No part of a request path is ever joined to a file-system path; an unknown name
// is a 404. Files are read once and kept in memory with a content hash for ETag.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { projectRoot } from "../paths.js";

interface Asset {
  path: () => string;
  type: string;
}

const ownAsset = (name: string) => () => join(projectRoot, "src/serve/assets", name);

const ASSETS: Record<string, Asset> = {
  "app.js": { path: ownAsset("app.js"), type: "text/javascript; charset=utf-8" },
  "style.css": { path: ownAsset("style.css"), type: "text/css; charset=utf-8" },
  "echarts.min.js": {
    // The package's CommonJS entry is dist/echarts.js; its minified build sits beside it.
    path: () => join(dirname(createRequire(import.meta.url).resolve("echarts")), "echarts.min.js"),
    type: "text/javascript; charset=utf-8",
  },
};

export interface LoadedAsset {
  body: Buffer;
  type: string;
  etag: string;
}

const cache = new Map<string, LoadedAsset>();

export function asset(name: string): LoadedAsset | undefined {
  if (!Object.hasOwn(ASSETS, name)) return undefined;
  let loaded = cache.get(name);
  if (!loaded) {
    const entry = ASSETS[name]!;
    const body = readFileSync(entry.path());
    loaded = {
      body,
      type: entry.type,
      etag: `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`,
    };
    cache.set(name, loaded);
  }
  return loaded;
}
