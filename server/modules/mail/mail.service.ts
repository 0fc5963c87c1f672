import { createTransport, type NodemailerError, type Transporter } from "nodemailer";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/database.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { Evaluation, Invitation, MailKind, MailMessage } from "../../db/schema.ts";
import { AppError, badRequest, conflict, notFound } from "../../errors.ts";
import { findEvaluation } from "../evaluations/evaluations.repository.ts";
import { isEvaluationClosed } from "../evaluations/evaluations.service.ts";
import { advanceInvitation, effectiveStatus } from "../invitation-status.ts";
import { findInvitation, updateInvitation } from "../invitations/invitations.repository.ts";
import { invitationUrl } from "../invitations/invitations.service.ts";
import { findUserById } from "../users/users.repository.ts";
import {
  claimMessage,
  findMailLogEntry,
  findMailMessage,
  findPendingMessage,
  incrementReminderCount,
  insertMailMessage,
  listDueMessages,
  listEvaluationsWithReminders,
  listInvitationsForMail,
  listMailLog,
  markOutboxMessagesSent,
  recordReminderRun,
  setReminderDaysBefore,
  updateMailMessage,
  updateReminderRunCount,
} from "./mail.repository.ts";
import type { MailLog, MailView, SendInvitationsResult } from "./mail.schemas.ts";
import { renderMail } from "./mail.templates.ts";
import { inWords } from "../../i18n/details.ts";

// Delivery semantics (docs/architecture.md, "Mail"): every message is a row before anything is sent (an
// outbox), so nothing is lost when the SMTP server is down or the process restarts. A row is claimed
// ('sending', with a lease) before the SMTP conversation and marked 'sent' right after the server accepts it.
// A failed send was refused or never got through (a connection cut in the instant after the server's final
// "250" is the rare exception) and is retried with backoff. The other window for a duplicate is a crash
// between the server's acceptance and the 'sent' update: such a row goes again once its lease lapses. So
// delivery is at-least-once (same Message-ID on every attempt, so receivers can tell): for a questionnaire link
// a second copy is harmless, a lost one is not.

export type MailMode = "smtp" | "outbox";

export interface DeliveryReport {
  sent: number;
  failed: number;
}

type InvitationForMail = Invitation & { organization_name: string; organization_email: string | null };

interface Contact {
  name: string | null;
  email: string;
}

const day = 24 * 3600 * 1000;
/** Automatic reminder runs are keyed by kind and due instant: one per (evaluation, closing date, N). */
const beforeCloseRun = "before_close";
const liveStatuses: readonly string[] = ["created", "sent", "opened", "started"];
/** Not submitted, revoked or (stored as) expired: the statuses advanceInvitation may move forward. */
const isLive = (invitation: Pick<Invitation, "status">) => liveStatuses.includes(invitation.status);

/** Reads "Name <address>" or a bare address. */
export function parseAddress(value: string): Contact {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.trim() || null, email: match[2]!.trim() };
  return { name: null, email: value.trim() };
}

/** 1, 2, 4, 8 ... times the base, capped at 60 times the base (an hour with the default minute). */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), baseMs * 60);
}

const isoPlus = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/** Errors about the message itself (envelope, content); anything else is about the connection or server. */
const messageLevelCodes = new Set(["EENVELOPE", "EMESSAGE"]);

function describeSmtpError(error: unknown): string {
  const e = error as NodemailerError;
  const text = e.response || e.message || String(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

export class MailService {
  readonly mode: MailMode;
  private readonly transport: Transporter | null;
  private readonly domain: string;
  /** Deliveries in this process run one after another: two overlapping runs would only race for claims. */
  private delivery: Promise<unknown> = Promise.resolve();
  private waitingRun: Promise<DeliveryReport> | null = null;
  private deliveryTrigger: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          // nodemailer waits minutes by default; a dead server should fail an attempt, not block delivery.
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
        })
      : null;
    this.mode = this.transport ? "smtp" : "outbox";
    this.domain = parseAddress(config.mailFrom).email.split("@")[1] || "sapat.invalid";
  }

  /** The scheduler asks to be told when something is queued, so that it goes out now, not at the next tick. */
  setDeliveryTrigger(trigger: (() => void) | null): void {
    this.deliveryTrigger = trigger;
  }

  close(): void {
    this.deliveryTrigger = null;
    this.transport?.close();
  }

  // ---- queueing ------------------------------------------------------------------------------------------

  // The queueing use cases take the caller's `db | trx` and open no transaction; the caller commits, then calls
  // deliverSoon() when something was queued (a delivery started inside the transaction would not see it).

  /** Queues the invitation email; an invitation email already on its way is returned instead of a second. */
  async sendInvitation(db: Db, invitationId: number, userId: number): Promise<{ message: MailView; created: boolean }> {
    const now = new Date();
    const [invitation] = await listInvitationsForMail(db, { ids: [invitationId] });
    if (!invitation) throw notFound("Invitation");
    const evaluation = (await findEvaluation(db, invitation.evaluation_id))!;
    const problem = this.whyNotQueue(invitation, evaluation, now);
    if (problem) throw problem;
    const pending = await findPendingMessage(db, invitationId, "invitation");
    const created = !pending;
    const id = pending
      ? pending.id
      : await this.queue(db, invitation, evaluation, "invitation", await this.contactFor(db, userId), userId, now);
    return { message: (await this.mailView(db, id))!, created };
  }

  /** Queues the invitation emails of several invitations of one evaluation; those that cannot go are listed. */
  async sendInvitations(
    trx: Db,
    evaluationId: number,
    invitationIds: number[],
    userId: number,
  ): Promise<SendInvitationsResult> {
    const now = new Date();
    const evaluation = await findEvaluation(trx, evaluationId);
    if (!evaluation) throw notFound("Evaluation");
    if (isEvaluationClosed(evaluation, now)) throw conflict("evaluation_closed", "The evaluation is closed");
    const invitations = await listInvitationsForMail(trx, { ids: invitationIds, evaluationId });
    invitationIds.forEach((id, i) => {
      if (!invitations.some((inv) => inv.id === id)) {
        throw badRequest("Unknown invitation", [
          { field: `invitationIds.${i}`, ...inWords("invitation.noSuchId", { id }) },
        ]);
      }
    });
    const contact = await this.contactFor(trx, userId);
    const outcome: SendInvitationsResult = { queued: 0, skipped: [] };
    for (const id of invitationIds) {
      const invitation = invitations.find((inv) => inv.id === id)!;
      const problem = this.whyNotQueue(invitation, evaluation, now);
      if (problem) {
        outcome.skipped.push({ invitationId: id, error: problem.code, message: problem.message });
      } else if (await findPendingMessage(trx, id, "invitation")) {
        outcome.skipped.push({
          invitationId: id,
          error: "already_queued",
          message: "An invitation email to this organisation is already on its way",
        });
      } else {
        await this.queue(trx, invitation, evaluation, "invitation", contact, userId, now);
        outcome.queued += 1;
      }
    }
    return outcome;
  }

  /** Reminds every invitation of the evaluation that is not submitted, revoked or expired, by hand. */
  async sendReminders(db: Db, evaluationId: number, userId: number): Promise<{ queued: number }> {
    const now = new Date();
    const evaluation = await findEvaluation(db, evaluationId);
    if (!evaluation) throw notFound("Evaluation");
    if (isEvaluationClosed(evaluation, now)) throw conflict("evaluation_closed", "The evaluation is closed");
    return { queued: await this.queueReminders(db, evaluation, userId, now) };
  }

  /**
   * Queues the automatic reminders that are due: N days before the closing date of evaluations that ask for
   * them. The run is recorded in the same transaction as its messages, under a unique key, so that a second
   * tick, a restart or a second process finds it done: it happens exactly once.
   */
  async runAutomaticReminders(now = new Date()): Promise<{ runs: number; queued: number }> {
    const evaluations = await listEvaluationsWithReminders(this.db, now.toISOString());
    let runs = 0;
    let queued = 0;
    for (const evaluation of evaluations) {
      const dueAt = new Date(Date.parse(evaluation.closes_at!) - evaluation.reminder_days_before! * day);
      if (dueAt > now) continue;
      const count = await inTransaction(this.db, async (trx) => {
        const runId = await recordReminderRun(trx, {
          evaluationId: evaluation.id,
          kind: beforeCloseRun,
          dueAt: dueAt.toISOString(),
          now: now.toISOString(),
        });
        if (runId === null) return null;
        const n = await this.queueReminders(trx, evaluation, null, now);
        await updateReminderRunCount(trx, runId, n);
        return n;
      });
      if (count === null) continue;
      runs += 1;
      queued += count;
    }
    if (queued > 0) this.deliverSoon();
    return { runs, queued };
  }

  private async queueReminders(trx: Db, evaluation: Evaluation, userId: number | null, now: Date): Promise<number> {
    const invitations = await listInvitationsForMail(trx, { evaluationId: evaluation.id });
    const contact = await this.contactFor(trx, userId ?? evaluation.created_by);
    let queued = 0;
    for (const invitation of invitations) {
      if (!isLive(invitation)) continue;
      if (this.whyNotQueue(invitation, evaluation, now)) continue;
      // Whatever is still on its way to this organisation already carries the link: no second email on top.
      if (await findPendingMessage(trx, invitation.id)) continue;
      await this.queue(trx, invitation, evaluation, "reminder", contact, userId, now);
      await incrementReminderCount(trx, invitation.id);
      queued += 1;
    }
    return queued;
  }

  private async queue(
    trx: Db,
    invitation: InvitationForMail,
    evaluation: Evaluation,
    kind: MailKind,
    contact: Contact,
    userId: number | null,
    now: Date,
  ): Promise<number> {
    const content = renderMail({
      kind,
      locale: invitation.locale,
      organizationName: invitation.organization_name,
      evaluationName: evaluation.name,
      link: invitationUrl(this.config.publicUrl, invitation.token),
      closesAt: deadlineOf(invitation, evaluation),
      contact,
    });
    const nowIso = now.toISOString();
    return insertMailMessage(trx, {
      invitation_id: invitation.id,
      evaluation_id: evaluation.id,
      kind,
      to_address: invitation.organization_email,
      reply_to: contact.email,
      ...content,
      status: this.mode === "smtp" ? "queued" : "outbox",
      next_attempt_at: this.mode === "smtp" ? nowIso : null,
      last_error: null,
      message_id: null,
      created_at: nowIso,
      sent_at: null,
      created_by: userId,
    });
  }

  /** Why an email to this invitation must not be queued (or, at delivery time, sent), or null. */
  private whyNotQueue(
    invitation: InvitationForMail,
    evaluation: Evaluation,
    now: Date,
    options: { needsAddress: boolean } = { needsAddress: this.mode === "smtp" },
  ): AppError | null {
    if (invitation.status === "revoked") return conflict("invitation_revoked", "This invitation was revoked");
    if (invitation.status === "submitted") {
      return conflict("already_submitted", "This organisation has already submitted its answers");
    }
    if (isEvaluationClosed(evaluation, now)) return conflict("evaluation_closed", "The evaluation is closed");
    if (effectiveStatus(invitation, now) === "expired") {
      return conflict("link_expired", "This invitation's link has expired");
    }
    if (options.needsAddress && !invitation.organization_email) {
      return conflict(
        "no_email",
        `${invitation.organization_name} has no email address: add one to the organisation, or copy the link from the invitation list and deliver it by hand`,
      );
    }
    return null;
  }

  private async contactFor(db: Db, userId: number | null): Promise<Contact> {
    const user = userId === null ? undefined : await findUserById(db, userId);
    return user ? { name: user.name, email: user.email } : parseAddress(this.config.mailFrom);
  }

  /** Starts a delivery soon (the scheduler's trigger): call it once what was queued is committed. */
  deliverSoon(): void {
    this.deliveryTrigger?.();
  }

  // ---- delivery ------------------------------------------------------------------------------------------

  /**
   * Sends the messages that are due, one by one. A message is claimed before the SMTP conversation and marked
   * sent (with the server's Message-ID) right after, together with the invitation moving to `sent`; a failure
   * schedules the next attempt with exponential backoff, or gives up after the configured number of attempts.
   * When the server itself is unreachable, the round stops: the other messages stay queued for the next one.
   */
  deliverDue(now?: Date): Promise<DeliveryReport> {
    // A run that has not started yet will see everything queued until it starts: join it rather than queue
    // another behind it (many sends in a row trigger one delivery, not one each).
    if (now === undefined && this.waitingRun) return this.waitingRun;
    const run: Promise<DeliveryReport> = this.delivery.then(() => {
      if (this.waitingRun === run) this.waitingRun = null;
      return this.deliverDueNow(now ?? new Date());
    });
    if (now === undefined) this.waitingRun = run;
    this.delivery = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no delivery is running or waiting in this process. */
  async whenIdle(): Promise<void> {
    for (let last = this.delivery; ; last = this.delivery) {
      await last;
      if (last === this.delivery) return;
    }
  }

  private async deliverDueNow(now: Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0 };
    if (!this.transport) return report;
    const due = await listDueMessages(this.db, now.toISOString());
    for (const seen of due) {
      if (!(await claimMessage(this.db, seen, isoPlus(now, this.config.mailSendingLeaseMs)))) continue;
      const message = (await findMailMessage(this.db, seen.id))!;
      const cancelled = await this.cancelIfUndeliverable(message, now);
      if (cancelled) continue;
      try {
        const info = await this.transport.sendMail({
          from: this.config.mailFrom,
          to: message.to_address!,
          ...(message.reply_to ? { replyTo: message.reply_to } : {}),
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: this.messageIdFor(message),
        });
        await this.markSent(message, String(info.messageId || this.messageIdFor(message)));
        report.sent += 1;
      } catch (error) {
        report.failed += 1;
        const e = error as NodemailerError;
        const messageLevel = typeof e.code === "string" && messageLevelCodes.has(e.code);
        // A permanent rejection of this message (say, 550 no such mailbox) would be rejected again.
        const giveUp = (messageLevel && e.permanent === true) || message.attempts >= this.config.mailMaxAttempts;
        await updateMailMessage(
          this.db,
          message.id,
          {
            status: "failed",
            last_error: describeSmtpError(error),
            next_attempt_at: giveUp ? null : isoPlus(now, retryDelayMs(message.attempts, this.config.mailRetryBaseMs)),
          },
          "sending",
        );
        if (!messageLevel) break;
      }
    }
    return report;
  }

  /** Same Message-ID on every attempt of a message: a rare duplicate after a crash can be recognised. */
  private messageIdFor(message: MailMessage): string {
    return `<sapat-${message.id}-${Date.parse(message.created_at).toString(36)}@${this.domain}>`;
  }

  private async markSent(message: MailMessage, messageId: string): Promise<void> {
    const sentAt = new Date().toISOString();
    await inTransaction(this.db, async (trx) => {
      await updateMailMessage(
        trx,
        message.id,
        { status: "sent", sent_at: sentAt, message_id: messageId, next_attempt_at: null, last_error: null },
        "sending",
      );
      const invitation = await findInvitation(trx, message.invitation_id);
      // Revoked while the message was on the wire: the email went, but the invitation stays revoked.
      if (invitation && isLive(invitation)) {
        await updateInvitation(trx, invitation.id, advanceInvitation(invitation, "sent", sentAt));
      }
    });
  }

  /** An invitation revoked, submitted or closed since its message was queued gets no email. */
  private async cancelIfUndeliverable(message: MailMessage, now: Date): Promise<boolean> {
    const [invitation] = await listInvitationsForMail(this.db, { ids: [message.invitation_id] });
    const evaluation = invitation ? await findEvaluation(this.db, invitation.evaluation_id) : undefined;
    let reason: string | null;
    if (!invitation || !evaluation) reason = "the invitation no longer exists";
    else if (!message.to_address) reason = "there is no email address";
    else reason = this.whyNotQueue(invitation, evaluation, now, { needsAddress: false })?.message ?? null;
    if (reason === null) return false;
    await updateMailMessage(
      this.db,
      message.id,
      { status: "failed", next_attempt_at: null, last_error: `Not sent: ${reason}` },
      "sending",
    );
    return true;
  }

  // ---- by hand ---------------------------------------------------------------------------------------------

  /** Sends a failed message again now, with a fresh set of automatic attempts. */
  async retry(trx: Db, mailId: number): Promise<MailView> {
    const now = new Date();
    const message = await findMailMessage(trx, mailId);
    if (!message) throw notFound("Message");
    if (message.status === "sent") throw conflict("already_sent", "This message was already sent");
    if (message.status === "sending") throw conflict("sending", "This message is being sent right now");
    if (this.mode === "outbox") {
      throw conflict("outbox_mode", "No SMTP server is configured: copy the link and deliver it by hand");
    }
    const [invitation] = await listInvitationsForMail(trx, { ids: [message.invitation_id] });
    const evaluation = (await findEvaluation(trx, message.evaluation_id))!;
    const problem = this.whyNotQueue(invitation!, evaluation, now, { needsAddress: false });
    if (problem) throw problem;
    if (!message.to_address) {
      throw conflict("no_email", "This message has no recipient: the organisation had no email address");
    }
    await updateMailMessage(trx, mailId, { status: "queued", attempts: 0, next_attempt_at: now.toISOString() });
    return (await this.mailView(trx, mailId))!;
  }

  /**
   * The evaluator delivered the link by hand (outbox mode, or an organisation without email): the invitation
   * counts as sent from now, and its outbox messages are marked sent.
   */
  async markDelivered(trx: Db, invitationId: number): Promise<{ status: string }> {
    const now = new Date();
    const invitation = await findInvitation(trx, invitationId);
    if (!invitation) throw notFound("Invitation");
    if (invitation.status === "revoked") throw conflict("invitation_revoked", "This invitation was revoked");
    const changes = isLive(invitation) ? advanceInvitation(invitation, "sent", now.toISOString()) : {};
    await updateInvitation(trx, invitationId, changes);
    await markOutboxMessagesSent(trx, invitationId, now.toISOString());
    return { status: effectiveStatus({ ...invitation, ...changes }, now) };
  }

  /** Automatic reminders N days before the closing date, or none (null). */
  async setReminderSchedule(
    db: Db,
    evaluationId: number,
    days: number | null,
  ): Promise<{ reminderDaysBefore: number | null }> {
    if (!(await setReminderDaysBefore(db, evaluationId, days))) throw notFound("Evaluation");
    return { reminderDaysBefore: days };
  }

  async mailLog(db: Db, evaluationId: number): Promise<MailLog> {
    if (!(await findEvaluation(db, evaluationId))) throw notFound("Evaluation");
    const rows = await listMailLog(db, evaluationId);
    return { mode: this.mode, messages: rows.map((r) => this.toView(r)) };
  }

  private async mailView(db: Db, id: number): Promise<MailView | undefined> {
    const row = await findMailLogEntry(db, id);
    return row && this.toView(row);
  }

  private toView(
    r: MailMessage & { token: string; locale: string; organization_id: number; organization_name: string },
  ): MailView {
    return {
      id: r.id,
      invitationId: r.invitation_id,
      evaluationId: r.evaluation_id,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      kind: r.kind,
      locale: r.locale,
      to: r.to_address,
      subject: r.subject,
      text: r.text,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      messageId: r.message_id,
      nextAttemptAt: r.next_attempt_at,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      url: invitationUrl(this.config.publicUrl, r.token),
    };
  }
}

/** The moment the link stops working: the earlier of the evaluation's closing and the invitation's expiry. */
function deadlineOf(invitation: Invitation, evaluation: Evaluation): string | null {
  const dates = [evaluation.closes_at, invitation.expires_at].filter((d): d is string => d !== null);
  return dates.length === 0 ? null : dates.reduce((a, b) => (a < b ? a : b));
}
