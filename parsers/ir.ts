// The intermediate representation lives in the bottom layer (src/model/ir.ts), shared by every stage;
// the parsers' modules import it from here.
export * from "../src/model/ir.js";
