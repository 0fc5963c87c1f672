import { Type, type Static } from "typebox";
import { organizationKinds } from "../../value-lists.ts";
import { emailPattern, Locale } from "../common.schemas.ts";

const optionalText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

export const NewOrganizationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Type.Enum(organizationKinds),
    region: Type.String({ minLength: 1, maxLength: 100 }),
    district: optionalText(100),
    orgType: optionalText(100),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254, pattern: emailPattern }), Type.Null()])),
    contactName: optionalText(200),
    locale: Type.Optional(Type.Union([Locale, Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewOrganizationBody = Static<typeof NewOrganizationBody>;

export const OrganizationView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  region: Type.String(),
  district: Type.Union([Type.String(), Type.Null()]),
  orgType: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  contactName: Type.Union([Type.String(), Type.Null()]),
  locale: Type.Union([Type.String(), Type.Null()]),
  /** Created by `npm run demo` (illustrative data), not by a user. */
  isDemo: Type.Boolean(),
});
export type OrganizationView = Static<typeof OrganizationView>;

/** PATCH: any subset of the fields of a new organisation, with the same rules. */
export const UpdateOrganizationBody = Type.Partial(NewOrganizationBody, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateOrganizationBody = Static<typeof UpdateOrganizationBody>;

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Enum(["0", "1", "true", "false"])),
});
export type ImportQuery = Static<typeof ImportQuery>;

const nullableText = Type.Union([Type.String(), Type.Null()]);

/** One line of the file: what importing it does, with the organisation as it would be afterwards. */
export const ImportRow = Type.Object({
  line: Type.Integer(),
  action: Type.Enum(["create", "update", "unchanged", "error"]),
  /** The organisation updated or left unchanged; after a real import, also the one created. */
  organizationId: Type.Optional(Type.Integer()),
  name: Type.String(),
  kind: nullableText,
  region: nullableText,
  district: nullableText,
  orgType: nullableText,
  contactName: nullableText,
  email: nullableText,
  locale: nullableText,
  /** For an update: the fields that change. */
  changes: Type.Optional(Type.Array(Type.String())),
  /** For an error: what is wrong with the line. */
  messages: Type.Optional(Type.Array(Type.String())),
});
export type ImportRow = Static<typeof ImportRow>;

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  /** Line 1 is the header; `column` is the field a message is about, when it is about one. */
  errors: Type.Array(
    Type.Object({ line: Type.Integer(), column: Type.Optional(Type.String()), message: Type.String() }),
  ),
  /** Header cells that are not a known column; their values are not imported. */
  ignoredColumns: Type.Array(Type.String()),
  rows: Type.Array(ImportRow),
});
export type ImportResult = Static<typeof ImportResult>;

/** A refused import (422): the same report, plus the error fields every error answer has. */
export const ImportFailure = Type.Object({
  ...ImportResult.properties,
  error: Type.String(),
  message: Type.String(),
  details: Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String() })),
});
export type ImportFailure = Static<typeof ImportFailure>;
