import type { FastifyInstance } from "fastify";
import { requireUser } from "../../plugins/auth.ts";
import { hideLinkIn, mayHandleLinks, withoutLink } from "../invitations/respondent-links.ts";
import { IdParams } from "../common.schemas.ts";
import {
  InvitationStatusView,
  MailLog,
  MailView,
  ReminderScheduleBody,
  RemindersQueued,
  SendInvitationsBody,
  SendInvitationsResult,
} from "./mail.schemas.ts";

const canSend = requireUser(["admin", "evaluator"]);

export async function mailRoutes(app: FastifyInstance) {
  app.post<{ Params: IdParams }>(
    "/api/invitations/:id/send",
    { preValidation: canSend, schema: { params: IdParams, response: { 200: MailView, 201: MailView } } },
    async (request, reply) => {
      const { message, created } = await app.mail.sendInvitation(Number(request.params.id), request.user!.id);
      // 200 with the message already on its way: asking twice sends one email.
      return reply.status(created ? 201 : 200).send(message);
    },
  );

  app.post<{ Params: IdParams; Body: SendInvitationsBody }>(
    "/api/evaluations/:id/invitations/send",
    {
      preValidation: canSend,
      schema: { params: IdParams, body: SendInvitationsBody, response: { 200: SendInvitationsResult } },
    },
    (request) => app.mail.sendInvitations(Number(request.params.id), request.body.invitationIds, request.user!.id),
  );

  app.post<{ Params: IdParams }>(
    "/api/evaluations/:id/reminders",
    { preValidation: canSend, schema: { params: IdParams, response: { 200: RemindersQueued } } },
    (request) => app.mail.sendReminders(Number(request.params.id), request.user!.id),
  );

  app.get<{ Params: IdParams }>(
    "/api/evaluations/:id/mail",
    { preValidation: requireUser(), schema: { params: IdParams, response: { 200: MailLog } } },
    async (request) => {
      const log = await app.mail.mailLog(Number(request.params.id));
      if (mayHandleLinks(request.user!.role)) return log;
      const messages = log.messages.map((m) => ({
        ...withoutLink(m),
        text: m.url ? hideLinkIn(m.text, m.url) : m.text,
      }));
      return { ...log, messages };
    },
  );

  app.post<{ Params: IdParams }>(
    "/api/mail/:id/retry",
    { preValidation: canSend, schema: { params: IdParams, response: { 200: MailView } } },
    (request) => app.mail.retry(Number(request.params.id)),
  );

  app.post<{ Params: IdParams }>(
    "/api/invitations/:id/mark-sent",
    { preValidation: canSend, schema: { params: IdParams, response: { 200: InvitationStatusView } } },
    (request) => app.mail.markDelivered(Number(request.params.id)),
  );

  app.put<{ Params: IdParams; Body: ReminderScheduleBody }>(
    "/api/evaluations/:id/reminder-schedule",
    {
      preValidation: canSend,
      schema: { params: IdParams, body: ReminderScheduleBody, response: { 200: ReminderScheduleBody } },
    },
    (request) => app.mail.setReminderSchedule(Number(request.params.id), request.body.reminderDaysBefore),
  );
}
