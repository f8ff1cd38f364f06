// Locations inside the installed package (src/model/paths.ts), for the stages that read data/.
export * from "./model/paths.js";
