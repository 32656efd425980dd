// `npx tsx scripts/test/deliver-one.ts <outboxId>`: one delivery attempt of one outbox message in a
// process of its own, so a test can SIGKILL a sender in the middle of a send
// (lib/email/delivery-kill.integration.test.ts). Configured entirely by the environment:
// DATABASE_URL, RESEND_API_KEY, RESEND_BASE_URL, EMAIL_*.
import { db, disconnectDb } from "../../lib/db/client";
import { deliverOutboxMessage } from "../../lib/email/deliver-outbox";

const id = process.argv[2];
if (!id) {
  console.error("usage: deliver-one.ts <outboxId>");
  process.exit(2);
}
console.log(`[deliver-one] pid ${process.pid} delivering ${id}`);
const outcome = await deliverOutboxMessage(db(), id, { worker: "deliver-one" });
console.log(`[deliver-one] ${outcome}`);
await disconnectDb();
