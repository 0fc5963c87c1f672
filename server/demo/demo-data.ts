import fs from "node:fs";
import { Type, type Static } from "typebox";
import { Value } from "typebox/value";

// The shape of server/demo/pht-2005.json. The answers are checked against the questionnaires themselves
// (checkDemoData in load-demo.ts), which know their questions better than a type could.

const Answers = Type.Record(Type.String(), Type.Unknown());

const DemoNgo = Type.Object(
  {
    /** As the report writes it; with the region, it tells the two "Women's Initiative Center Ayalzat" apart. */
    name: Type.String({ minLength: 1 }),
    region: Type.String({ minLength: 1 }),
    district: Type.Union([Type.String(), Type.Null()]),
    orgType: Type.String(),
    contactName: Type.Union([Type.String(), Type.Null()]),
    email: Type.String(),
    locale: Type.Union([Type.Literal("en"), Type.Literal("ru")]),
    /** The report's lines the answers rest on. */
    source: Type.String(),
    /** Answers that are illustrative estimates where the report gives no number. */
    illustrativeEstimates: Type.Array(Type.String()),
    answers: Answers,
  },
  { additionalProperties: false },
);

const DemoInterview = Type.Object(
  {
    clientId: Type.String(),
    organisation: Type.Object({
      name: Type.String({ minLength: 1 }),
      region: Type.String({ minLength: 1 }),
      district: Type.Union([Type.String(), Type.Null()]),
      orgType: Type.String(),
    }),
    interviewee: Type.Object({
      name: Type.Union([Type.String(), Type.Null()]),
      position: Type.String(),
      agency: Type.String(),
    }),
    conductedAt: Type.String(),
    source: Type.String(),
    answers: Answers,
  },
  { additionalProperties: false },
);

const DemoVerifiedLevel = Type.Object(
  {
    /** The NGO's name; it must name exactly one. */
    organisation: Type.String(),
    question: Type.String(),
    level: Type.Integer({ minimum: 1, maximum: 4 }),
    note: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const DemoData = Type.Object(
  {
    /** What is and is not from the report. */
    about: Type.Array(Type.String()),
    evaluation: Type.Object({ name: Type.String({ minLength: 1 }), round: Type.String() }),
    ngos: Type.Array(DemoNgo),
    interviews: Type.Array(DemoInterview),
    verifiedLevels: Type.Array(DemoVerifiedLevel),
  },
  { additionalProperties: false },
);

export type DemoData = Static<typeof DemoData>;
export type DemoNgo = Static<typeof DemoNgo>;
export type DemoInterview = Static<typeof DemoInterview>;
export type DemoVerifiedLevel = Static<typeof DemoVerifiedLevel>;

/** The "PHT final evaluation 2005" (Winrock International's report on the PHT project in Kyrgyzstan). */
export const phtDemoFile = new URL("./pht-2005.json", import.meta.url);

/** Reads a demo data file; one that does not have the shape above fails with the places where it differs. */
export function readDemoData(file: URL | string = phtDemoFile): DemoData {
  const json: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Value.Check(DemoData, json)) {
    const problems = [...Value.Errors(DemoData, json)].slice(0, 10).map((e) => `${e.instancePath || "/"} ${e.message}`);
    throw new Error(`${String(file)} is not demo data:\n  ${problems.join("\n  ")}`);
  }
  return json;
}
