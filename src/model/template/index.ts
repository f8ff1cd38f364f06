// The national template as data (description.ts) and the views derived from it (derive.ts).
export * from "./description.js";
export * from "./derive.js";
