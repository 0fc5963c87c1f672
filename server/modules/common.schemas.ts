import { Type, type Static } from "typebox";

// Shapes shared by several modules.

export const locales = ["en", "ru", "ky"] as const;
export const Locale = Type.Enum(locales);
export type Locale = Static<typeof Locale>;

export const IdView = Type.Object({ id: Type.Integer() });
export const IdParams = Type.Object({ id: Type.String({ pattern: "^[1-9][0-9]{0,9}$" }) });
export type IdParams = Static<typeof IdParams>;
