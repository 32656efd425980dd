// What an outbox message says, rendered when it is delivered (never stored): per kind, from the
// rows it refers to. An invoice email from its invoice; a password reset from its sealed link
// (lib/email/sealed-payload.ts), and only while that link can still be used.
import type { Db } from "../db/client";
import type { EmailOutbox } from "../db/generated/client";
import { resolveInvoice } from "../invoicing/resolve-invoice";
import { renderInvoiceEmail } from "./render-invoice-email";
import { renderPasswordResetEmail } from "./render-password-reset-email";
import { unsealPayload } from "./sealed-payload";

export interface RenderedMessage {
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer }[];
}

/** The message must not be sent any more (e.g. its reset link was used or expired); no retry. */
export class ObsoleteMessageError extends Error {
  override name = "ObsoleteMessageError";
}

export async function renderOutboxMessage(prisma: Db, message: EmailOutbox): Promise<RenderedMessage> {
  switch (message.kind) {
    case "password-reset":
      return renderPasswordReset(prisma, message);
    default: {
      if (!message.invoiceId) throw new Error(`outbox message ${message.id} has no invoice to render`);
      const rendered = await renderInvoiceEmail(await resolveInvoice(prisma, message.invoiceId));
      return { html: rendered.html, text: rendered.text, attachments: [rendered.attachment] };
    }
  }
}

async function renderPasswordReset(prisma: Db, message: EmailOutbox): Promise<RenderedMessage> {
  if (message.payload === null) throw new ObsoleteMessageError("The reset link was used or replaced before it could be sent.");
  const { tokenId, token } = unsealPayload(message.payload) as { tokenId: string; token: string };
  // The database clock decides expiry, as it does when the link is redeemed.
  const rows = await prisma.$queryRaw<{ name: string; used: boolean; expired: boolean }[]>`
    SELECT u.name, t.used_at IS NOT NULL AS used, t.expires_at <= now() AS expired
    FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.id = ${tokenId}`;
  const row = rows[0];
  if (!row || row.used) throw new ObsoleteMessageError("The reset link was used or replaced before it could be sent.");
  if (row.expired) throw new ObsoleteMessageError("The reset link expired before it could be sent.");
  return { ...(await renderPasswordResetEmail({ name: row.name, token })), attachments: [] };
}
