import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerError } from "smtp-server";

export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP envelope. */
  recipients: string[];
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  /** An SMTP_URL pointing at this server. */
  url: string;
  received: ReceivedMail[];
  /** Addresses answered 550 at RCPT TO, like a mailbox that does not exist. */
  rejectRecipients: Set<string>;
  /** Stops listening: connections are refused, as when the mail server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps every message it accepts, parsed. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const rejectRecipients = new Set<string>();
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (!rejectRecipients.has(address.address)) return callback();
          const error: SMTPServerError = new Error(`No such mailbox: ${address.address}`);
          error.responseCode = 550;
          callback(error);
        },
        onData(stream, session, callback) {
          // Answer 250 only once the message is stored: when the client hears "accepted", the test sees it.
          simpleParser(stream).then(
            (parsed) => {
              received.push({ recipients: session.envelope.rcptTo.map((r) => r.address), parsed });
              callback();
            },
            (error: Error) => callback(error),
          );
        },
      });
      s.on("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.server.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  await listen();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    rejectRecipients,
    start: listen,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
  };
}
