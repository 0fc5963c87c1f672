import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { inTransaction } from "../../db/transaction.ts";
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
      const { message, created } = await inTransaction(app.db, (trx) =>
        app.mail.sendInvitation(trx, request.params.id, request.user!.id),
      );
      if (created) app.mail.deliverSoon();
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
    async (request) => {
      const result = await inTransaction(app.db, (trx) =>
        app.mail.sendInvitations(trx, request.params.id, request.body.invitationIds, request.user!.id),
      );
      if (result.queued > 0) app.mail.deliverSoon();
      return result;
    },
  );

  app.post(
    "/api/evaluations/:id/reminders",
    {
      preValidation: [canSend, requireMember("evaluation", "write")],
      schema: { params: IdParams, response: withErrors({ 200: RemindersQueued }) },
    },
    async (request) => {
      const result = await inTransaction(app.db, (trx) =>
        app.mail.sendReminders(trx, request.params.id, request.user!.id),
      );
      if (result.queued > 0) app.mail.deliverSoon();
      return result;
    },
  );

  app.get(
    "/api/evaluations/:id/mail",
    {
      preValidation: [requireUser(), requireMember("evaluation", "read")],
      schema: { params: IdParams, response: withErrors({ 200: MailLog }) },
    },
    async (request) => {
      const log = await app.mail.mailLog(app.db, request.params.id);
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
    async (request) => {
      const message = await inTransaction(app.db, (trx) => app.mail.retry(trx, request.params.id));
      app.mail.deliverSoon();
      return message;
    },
  );

  app.post(
    "/api/invitations/:id/mark-sent",
    {
      preValidation: [canSend, requireMember("invitation", "write")],
      schema: { params: IdParams, response: withErrors({ 200: InvitationStatusView }) },
    },
    (request) => inTransaction(app.db, (trx) => app.mail.markDelivered(trx, request.params.id)),
  );

  app.put(
    "/api/evaluations/:id/reminder-schedule",
    {
      preValidation: [canSend, requireMember("evaluation", "write")],
      schema: { params: IdParams, body: ReminderScheduleBody, response: withErrors({ 200: ReminderScheduleBody }) },
    },
    (request) => app.mail.setReminderSchedule(app.db, request.params.id, request.body.reminderDaysBefore),
  );
}
