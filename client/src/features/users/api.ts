import type { ManagedUserView, NewUserBody, UpdateUserBody } from "../../../../server/modules/users/users.schemas.ts";
import type { Api } from "../../lib/session.tsx";

// The users page's requests (administrators only); the types are the server's schemas, never restated here.

export type { ManagedUserView, NewUserBody };

export const listUsers = (api: Api) => api<ManagedUserView[]>("GET", "/api/users");

export const createUser = (api: Api, body: NewUserBody) => api<ManagedUserView>("POST", "/api/users", body);

export const updateUser = (api: Api, id: number, body: UpdateUserBody) =>
  api<ManagedUserView>("PATCH", `/api/users/${id}`, body);
