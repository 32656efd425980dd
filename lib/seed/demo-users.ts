// The seeded people. Their passwords are public on purpose (README, start banner): this is demo
// data for a local sandbox, and a real deployment creates its own admin instead of seeding.
import type { Role } from "../db/generated/enums";

export interface DemoUser {
  email: string;
  name: string;
  password: string;
  role: Role;
}

export const DEMO_ADMIN: DemoUser = { email: "admin@countinghouse.test", name: "Ada Admin", password: "admin-countinghouse", role: "ADMIN" };
export const DEMO_ALICE: DemoUser = { email: "alice@countinghouse.test", name: "Alice Archer", password: "alice-countinghouse", role: "USER" };
export const DEMO_BOB: DemoUser = { email: "bob@countinghouse.test", name: "Bob Baker", password: "bob-countinghouse", role: "USER" };

export const DEMO_USERS: readonly DemoUser[] = [DEMO_ADMIN, DEMO_ALICE, DEMO_BOB];
