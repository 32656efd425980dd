// The customer step: validates who pays (and one attendee name per ticket) and stores it on the
// open session. Completion validates the stored draft again; nothing here is trusted later.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { isRecordId } from "../validation/record-id";
import { hasControlCharacters } from "../validation/text";
import { customerToInput, parseCustomer, type Customer } from "./customer.schema";

export interface SaveCustomerInput {
  sessionId: string;
  customer: unknown;
  /** Attendee names per cart line id, one per ticket. */
  attendees: Record<string, string[]>;
}

export async function saveCustomer(tx: Tx, userId: string, input: SaveCustomerInput): Promise<Customer> {
  const session = !isRecordId(input.sessionId) ? null : await tx.checkoutSession.findUnique({
    where: { id: input.sessionId },
    select: { userId: true, status: true, lines: { select: { id: true, quantity: true, product: { select: { kind: true } } } } },
  });
  if (!session || session.userId !== userId) throw new AppError("not_found", "This checkout does not exist.");
  if (session.status !== "OPEN") throw new AppError("conflict", "This checkout is already completed or expired.");
  const fieldErrors: Record<string, string> = {};
  let customer: Customer | null = null;
  try {
    customer = parseCustomer(input.customer);
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors) Object.assign(fieldErrors, error.fieldErrors);
    else throw error;
  }
  const names = new Map<string, string[]>();
  for (const line of session.lines) {
    if (line.product.kind !== "TICKET") continue;
    // Only as many names as tickets are looked at, whatever length (or holes) the array was given with.
    const given = Array.from({ length: line.quantity }, (_, i) => String(input.attendees[line.id]?.[i] ?? "").trim());
    for (let i = 0; i < line.quantity; i += 1) {
      const name = given[i] ?? "";
      if (name === "") fieldErrors[`attendee.${line.id}.${i}`] = "Enter the attendee's name for this ticket.";
      else if (name.length > 200) fieldErrors[`attendee.${line.id}.${i}`] = "Names are limited to 200 characters.";
      else if (hasControlCharacters(name)) fieldErrors[`attendee.${line.id}.${i}`] = "Names can't contain control characters.";
    }
    names.set(line.id, given.slice(0, line.quantity));
  }
  if (Object.keys(fieldErrors).length > 0 || !customer) {
    throw new AppError("invalid_input", "Check the highlighted fields.", { fieldErrors });
  }
  await tx.checkoutSession.update({ where: { id: input.sessionId }, data: { customer: customerToInput(customer) as object } });
  for (const [lineId, attendeeNames] of names) await tx.checkoutLine.update({ where: { id: lineId }, data: { attendeeNames } });
  return customer;
}
