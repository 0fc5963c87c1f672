import type { FastifyBaseLogger } from "fastify";
import type { MailService } from "./mail.service.ts";

export interface MailScheduler {
  /** One round: queue due automatic reminders, then deliver what is due. */
  tick(): Promise<void>;
  /** Stops the timer and waits for the round in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

/**
 * The in-process scheduler. It keeps no state of its own: what is due (messages, reminder runs) lives in the
 * database, so a restart picks up exactly where the last process stopped. The timer is unref'd: it never keeps
 * the process alive by itself.
 */
export function startMailScheduler(
  mail: MailService,
  options: { tickMs: number; log: FastifyBaseLogger },
): MailScheduler {
  let running: Promise<void> | null = null;
  let stopped = false;

  const round = async () => {
    const reminders = await mail.runAutomaticReminders();
    if (reminders.runs > 0) options.log.info(reminders, "automatic reminders queued");
    const delivery = await mail.deliverDue();
    if (delivery.failed > 0) options.log.warn(delivery, "some emails could not be sent; they will be retried");
  };

  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // A round still running covers this tick: what it misses is still due at the next one.
    running ??= round()
      .catch((error: unknown) => {
        // Nothing is lost by a failed round (the state is in the database); the next tick tries again.
        options.log.error({ err: error }, "mail round failed");
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void tick(), options.tickMs);
  timer.unref();
  mail.setDeliveryTrigger(() => {
    void mail.deliverDue().catch((error: unknown) => options.log.error({ err: error }, "mail delivery failed"));
  });
  void tick();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      mail.setDeliveryTrigger(null);
      await running;
      // A delivery started by the trigger too.
      await mail.whenIdle();
    },
  };
}
