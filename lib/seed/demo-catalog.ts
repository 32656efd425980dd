// Companies, products and an event for the demo world. Prices are integer minor units of the
// product's currency (USD cents here). Everything is keyed on something unique or stable
// (ticker; company + product name; company + event name) so re-seeding finds instead of duplicating.
import { DEMO_ALICE, DEMO_BOB } from "./demo-users";

export interface DemoProduct {
  name: string;
  description: string;
  priceMinor: bigint;
}

export interface DemoEvent {
  name: string;
  venue: string;
  /** Days from the first seeding; the date is not part of the key, so re-seeding never moves it. */
  startsInDays: number;
  capacity: number;
  tickets: DemoProduct[];
}

/** Seller settings (see Company in prisma/schema.prisma). */
export interface DemoSellerSettings {
  country: string;
  taxEnabled: boolean;
  taxRateBps: number;
  pricesIncludeTax: boolean;
  invoicePrefix: string;
  invoiceLanguage: "en" | "de" | "es" | "fr";
  legalName: string;
  address: string;
  vatId: string | null;
  paymentTermsDays: 14 | 30;
}

export interface DemoCompany {
  ticker: string;
  settings: DemoSellerSettings;
  name: string;
  description: string;
  ownerEmail: string;
  currency: string;
  products: DemoProduct[];
  event?: DemoEvent;
}

export const DEMO_CURRENCIES = ["USD", "EUR", "GBP", "JPY"] as const;

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    ticker: "ALDR",
    settings: { country: "US", taxEnabled: true, taxRateBps: 875, pricesIncludeTax: false, invoicePrefix: "AF", invoiceLanguage: "en", legalName: "Alder & Finch Coffee LLC", address: "1 Roastery Row, Portland, OR 97201", vatId: null, paymentTermsDays: 14 },
    name: "Alder & Finch Coffee",
    description: "Small-batch roaster with a café on the corner.",
    ownerEmail: DEMO_ALICE.email,
    currency: "USD",
    products: [
      { name: "House espresso beans, 1 kg", description: "Chocolate, cherry, a little smoke.", priceMinor: 2_400n },
      { name: "Pour-over kettle", description: "Gooseneck, 1 litre.", priceMinor: 4_500n },
      { name: "Stoneware mug", description: "Hand-glazed, 350 ml.", priceMinor: 1_400n },
      { name: "Tasting flight", description: "Three single origins, side by side.", priceMinor: 1_150n },
    ],
  },
  {
    ticker: "NWND",
    settings: { country: "DE", taxEnabled: true, taxRateBps: 700, pricesIncludeTax: true, invoicePrefix: "NW", invoiceLanguage: "de", legalName: "Northwind Bücher GmbH", address: "Buchweg 7, 10115 Berlin", vatId: "DE129273398", paymentTermsDays: 30 },
    name: "Northwind Books",
    description: "Independent bookshop, new and second-hand.",
    ownerEmail: DEMO_ALICE.email,
    currency: "USD",
    products: [
      { name: "Double-Entry Bookkeeping, 1494 facsimile", description: "Pacioli, annotated.", priceMinor: 3_999n },
      { name: "Reading light", description: "Clip-on, rechargeable.", priceMinor: 1_899n },
      { name: "Gift card", description: "Any book in the shop.", priceMinor: 2_500n },
    ],
  },
  {
    ticker: "HRBR",
    settings: { country: "DE", taxEnabled: true, taxRateBps: 1900, pricesIncludeTax: false, invoicePrefix: "HH", invoiceLanguage: "en", legalName: "Harbor Hall GmbH", address: "Hafenstraße 1, 20457 Hamburg", vatId: "DE129273398", paymentTermsDays: 14 },
    name: "Harbor Hall",
    description: "Concert hall by the water; runs events and a merch stand.",
    ownerEmail: DEMO_BOB.email,
    currency: "USD",
    products: [
      { name: "Tour poster", description: "Screen-printed, A2.", priceMinor: 1_500n },
      { name: "Cloth tote", description: "Organic cotton.", priceMinor: 1_200n },
      { name: "Coat check", description: "One item, all evening.", priceMinor: 300n },
    ],
    event: {
      name: "Spring Jazz Night",
      venue: "Harbor Hall, Main Stage",
      startsInDays: 30,
      capacity: 200,
      tickets: [
        { name: "Spring Jazz Night: general admission", description: "Standing, doors at 19:00.", priceMinor: 3_500n },
        { name: "Spring Jazz Night: front row", description: "Reserved seat, rows A–B.", priceMinor: 9_000n },
      ],
    },
  },
];
