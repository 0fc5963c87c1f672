import { randomBytes } from "node:crypto";

/** 192 random bits, URL-safe: the token is the respondent's only credential. */
export function newInvitationToken(): string {
  return randomBytes(24).toString("base64url");
}

export const invitationTokenPattern = /^[A-Za-z0-9_-]{16,64}$/;
