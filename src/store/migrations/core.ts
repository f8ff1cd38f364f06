import type { Migration } from "./index.js";

// Documents, reports, agencies, figures, findings, metric dictionary (versions 1–99).
export const coreMigrations: Migration[] = [];
