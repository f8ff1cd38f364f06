// Starting and stopping the web application: a read-only reader over the store, the Hono app on
// Node's HTTP server, bound to 127.0.0.1 unless told otherwise.
import { createAdaptorServer } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import { warmPinyin } from "./pinyin.js";
import { StoreReader } from "./queries.js";

export interface ServeOptions {
  db: string;
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  reader: StoreReader;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const reader = new StoreReader(options.db);
  const app = createApp(reader);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Slow or half-sent requests cannot hold the server: they are cut off.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    reader.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  // The pinyin-initials index is built after the server is listening, so start-up stays short.
  const warm = setTimeout(() => void warmPinyin(reader).catch(() => undefined), 50);
  return {
    url: `http://${shownHost}:${address.port}/`,
    reader,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(warm);
        server.closeAllConnections();
        server.close(() => {
          reader.close();
          resolve();
        });
      }),
  };
}
