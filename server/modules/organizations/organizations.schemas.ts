import { Type, type Static } from "typebox";
import { organizationKinds } from "../../db/schema.ts";
import { Locale } from "../common.schemas.ts";

const optionalText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

export const NewOrganizationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Type.Union(organizationKinds.map((k) => Type.Literal(k))),
    region: Type.String({ minLength: 1, maxLength: 100 }),
    district: optionalText(100),
    orgType: optionalText(100),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254, pattern: "^[^\\s@]+@[^\\s@]+$" }), Type.Null()])),
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
});
export type OrganizationView = Static<typeof OrganizationView>;
