// `npm run admin:create -- --email you@example.com [--name "Your Name"]`: creates an administrator
// in DATABASE_URL's database and prints its generated password once.
import { parseArgs } from "node:util";
import { createAdmin } from "../lib/auth/create-admin";
import { disconnectDb } from "../lib/db/client";
import { isAppError } from "../lib/errors/app-error";

const usage = 'Usage: npm run admin:create -- --email you@example.com [--name "Your Name"]';

let code = 0;
try {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true });
  if (!values.email) throw new Error(usage);
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set. For the embedded database, run this while `npm start` is up, with the URL it prints.");
  }
  const { user, password } = await createAdmin({ email: values.email, name: values.name });
  console.log(`Created administrator ${user.name} <${user.email}>.`);
  console.log(`Password (shown only now, store it safely): ${password}`);
} catch (error) {
  console.error(isAppError(error) || error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await disconnectDb();
}
process.exit(code);
