// `npm run db:seed`: adds the demo data that is missing; running it again changes nothing.
import { seedWithProgress } from "./lib/seed-with-progress";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set. `npm start` seeds the default database itself; set DATABASE_URL to seed another server.");
  process.exit(1);
}
try {
  const created = await seedWithProgress();
  console.log(created.length === 0 ? "Nothing to do: the demo data is already there." : `Created ${created.length} item(s).`);
} catch (error) {
  console.error(`Seeding failed: ${(error as Error).message}`);
  process.exit(1);
}
