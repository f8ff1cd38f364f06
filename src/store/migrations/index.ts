// The store's own schema: the "core" owner's migrations (src/db/migrations.ts applies them by name).
import type { MigrationSet } from "../../db/migrations.js";
import { coreMigrations } from "./core.js";

export const CORE_SCHEMA: MigrationSet = { owner: "core", migrations: coreMigrations };
