// The rest of the demo economy: more players and companies, so a new visitor lands in a market
// that already has history. Passwords are public on purpose (local sandbox only).
import type { DemoUser } from "./demo-users";

export interface WorldCompany {
  ticker: string;
  name: string;
  description: string;
  ownerEmail: string;
  /** [name, price in cents] */
  products: [string, bigint][];
}

const player = (first: string, last: string): DemoUser => ({
  email: `${first.toLowerCase()}@countinghouse.test`,
  name: `${first} ${last}`,
  password: `${first.toLowerCase()}-countinghouse`,
  role: "USER",
});

export const WORLD_PLAYERS: readonly DemoUser[] = [
  player("Carol", "Cooper"),
  player("Dave", "Dalton"),
  player("Erin", "Ellis"),
  player("Frank", "Fisher"),
  player("Grace", "Gardner"),
  player("Heidi", "Hughes"),
];

export const WORLD_COMPANIES: readonly WorldCompany[] = [
  {
    ticker: "CPKT",
    name: "Copper Kettle Bakery",
    description: "Sourdough at dawn, cinnamon buns by nine.",
    ownerEmail: "carol@countinghouse.test",
    products: [["Sourdough loaf", 850n], ["Cinnamon bun box", 1_600n], ["Baking class", 6_500n]],
  },
  {
    ticker: "DRFT",
    name: "Driftwood Surf Co.",
    description: "Boards, wetsuits and lessons on the north beach.",
    ownerEmail: "dave@countinghouse.test",
    products: [["Surf lesson", 5_500n], ["Wax, 3 bars", 900n], ["Wetsuit rental (day)", 2_500n]],
  },
  {
    ticker: "EMBR",
    name: "Ember Lamps",
    description: "Hand-blown glass lamps.",
    ownerEmail: "erin@countinghouse.test",
    products: [["Table lamp", 12_000n], ["Pendant shade", 8_900n], ["Bulb, warm", 700n]],
  },
  {
    ticker: "FJRD",
    name: "Fjord Outfitters",
    description: "Kit for cold water and long walks.",
    ownerEmail: "frank@countinghouse.test",
    products: [["Wool socks", 1_800n], ["Dry bag, 20 l", 3_400n], ["Thermos", 2_900n]],
  },
  {
    ticker: "GRNT",
    name: "Granite Games",
    description: "Board games and a Friday night league.",
    ownerEmail: "grace@countinghouse.test",
    products: [["Strategy board game", 4_900n], ["Card deck", 1_200n], ["League night pass", 1_500n]],
  },
];

/** Listed from the first day of history, so their charts cover the whole 30 days. */
export const FLAGSHIP_TICKERS = ["ALDR", "CPKT"] as const;
/** Days of back-dated history. */
export const HISTORY_DAYS = 30;
