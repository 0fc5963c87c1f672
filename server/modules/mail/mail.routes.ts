import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { requireUser } from "../auth/auth.plugin.ts";
import { requireMember } from "../members/evaluation-access.ts";
import { IdParams, withErrors } from "../common.schemas.ts";
import { hideLinkIn, mayHandleLinks, withoutLink } from "../invitations/respondent-links.ts";
import {
  InvitationStatusView,
  MailLog,
  MailView,
  ReminderScheduleBody,
  RemindersQueued,
  SendInvitationsBody,
  SendInvitationsResult,
} from "./mail.schemas.ts";
import { editorRoles } from "../../value-lists.ts";

const canSend = requireUser(editorRoles);

export async function mailRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/api/invitations/:id/send",
    {
      preValidation: [canSend, requireMember("invitation", "write")],
      schema: { params: IdParams, response: withErrors({ 200: MailView, 201: MailView }) },
    },
    async (request, reply) => {
      const { message, created } = await app.mail.sendInvitation(request.params.id, request.user!.id);
      // 200 with the message already on its way: asking twice sends one email.
      return reply.status(created ? 201 : 200).send(message);
    },
  );

  app.post(
    "/api/evaluations/:id/invitations/send",
    {
      preValidation: [canSend, requireMember("evaluation", "write")],
      schema: { params: IdParams, body: SendInvitationsBody, response: withErrors({ 200: SendInvitationsResult }) },
    },
    (request) => app.mail.sendInvitations(request.params.id, request.body.invitationIds, request.user!.id),
  );

  app.post(
    "/api/evaluations/:id/reminders",
    {
      preValidation: [canSend, requireMember("evaluation", "write")],
      schema: { params: IdParams, response: withErrors({ 200: RemindersQueued }) },
    },
    (request) => app.mail.sendReminders(request.params.id, request.user!.id),
  );

  app.get(
    "/api/evaluations/:id/mail",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, response: withErrors({ 200: MailLog }) },
    },
    async (request) => {
      const log = await app.mail.mailLog(request.params.id);
      if (mayHandleLinks(request.user!.role, request.evaluationRole)) return log;
      const messages = log.messages.map((m) => ({
        ...withoutLink(m),
        text: m.url ? hideLinkIn(m.text, m.url) : m.text,
      }));
      return { ...log, messages };
    },
  );

  app.post(
    "/api/mail/:id/retry",
    {
      preValidation: [canSend, requireMember("mail", "write")],
      schema: { params: IdParams, response: withErrors({ 200: MailView }) },
    },
    (request) => app.mail.retry(request.params.id),
  );

  app.post(
    "/api/invitations/:id/mark-sent",
    {
      preValidation: [canSend, requireMember("invitation", "write")],
      schema: { params: IdParams, response: withErrors({ 200: InvitationStatusView }) },
    },
    (request) => app.mail.markDelivered(request.params.id),
  );

  app.put(
    "/api/evaluations/:id/reminder-schedule",
    {
      preValidation: [canSend, requireMember("evaluation", "write")],
      schema: { params: IdParams, body: ReminderScheduleBody, response: withErrors({ 200: ReminderScheduleBody }) },
    },
    (request) => app.mail.setReminderSchedule(request.params.id, request.body.reminderDaysBefore),
  );
}
