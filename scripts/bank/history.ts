// What the clients saw, kept for the checker and the report: one record per logical operation
// (with its retries), every money write with its final answer, and every violation seen live.
export type Outcome = "ok" | "refused" | "conflict" | "unresolved";

export interface WriteRecord {
  kind: string;
  userId: string;
  key: string;
  /** The transfer's description: the checker finds its ledger entry by it. */
  description: string;
  fromAccountId: string;
  toAccountId: string;
  amount: bigint;
  /** acked: 200/201; refused: a 4xx; unresolved: no answer before the harness gave up. */
  status: "acked" | "refused" | "unresolved";
  entryId?: string;
}

/** A stock trade's final answer; the checker finds it in stock_trades by (user, idempotency key). */
export interface TradeRecord {
  userId: string;
  key: string;
  side: "buy" | "sell";
  quantity: bigint;
  status: "acked" | "refused" | "unresolved";
  tradeId?: string;
}

/** A checkout's final answer; the checker finds it in transactions by its checkout session. */
export interface CheckoutRecord {
  userId: string;
  sellerTicker: string;
  sessionId?: string;
  status: "acked" | "refused" | "unresolved";
  transactionId?: string;
  /** balance (paid now) or invoice (B2B, an open invoice paid later or never). */
  method: "balance" | "invoice";
  /** Tickets in the cart when the customer step named their attendees (0 without tickets). */
  tickets: number;
  /** Tickets were refused: the event had too few seats left when adding them or when completing. */
  soldOut?: boolean;
  /**
   * An attempt to complete had an unknown outcome (no answer, a 5xx, "try again") before the final
   * answer. Such an attempt may still be running on the server (a client timeout does not stop it),
   * so a refusal of a later attempt does not settle the operation: it may yet complete, once.
   */
  ambiguous?: boolean;
  /** What the completion attempts answered, for a violation's text. */
  answers?: string[];
}

/**
 * One "Run now" of the marketplace through /admin/market. `slots`: the slot hidden input of every
 * form posted for it, when the form carries one (a re-post after an ambiguous failure sends the same
 * form, so normally one). `ambiguous`: attempts whose outcome was unknown (no answer, a 5xx, a
 * "try again" message): without a slot each may have left a run behind.
 */
export interface MarketRunRecord {
  status: "acked" | "refused" | "unresolved";
  runId?: string;
  slots: string[];
  ambiguous: number;
}

/** Paying an open invoice from the buyer's balance through /invoices/<id>; the checker finds it by transaction. */
export interface InvoicePaymentRecord {
  userId: string;
  transactionId: string;
  invoiceId?: string;
  status: "acked" | "refused" | "unresolved";
  /** A refusal came after an attempt of unknown outcome, which may still pay (see CheckoutRecord.ambiguous). */
  ambiguous?: boolean;
}

interface KindStats {
  latencies: number[];
  outcomes: Record<Outcome, number>;
  retries: number;
}

export class History {
  readonly writes: WriteRecord[] = [];
  readonly trades: TradeRecord[] = [];
  readonly checkouts: CheckoutRecord[] = [];
  readonly marketRuns: MarketRunRecord[] = [];
  readonly invoicePayments: InvoicePaymentRecord[] = [];
  readonly violations: string[] = [];
  private readonly kinds = new Map<string, KindStats>();

  operation(kind: string, outcome: Outcome, latencyMs: number, retries: number): void {
    let stats = this.kinds.get(kind);
    if (!stats) {
      stats = { latencies: [], outcomes: { ok: 0, refused: 0, conflict: 0, unresolved: 0 }, retries: 0 };
      this.kinds.set(kind, stats);
    }
    stats.latencies.push(latencyMs);
    stats.outcomes[outcome]++;
    stats.retries += retries;
  }

  write(record: WriteRecord): void {
    this.writes.push(record);
  }

  checkout(record: CheckoutRecord): void {
    this.checkouts.push(record);
  }

  marketRun(record: MarketRunRecord): void {
    this.marketRuns.push(record);
  }

  invoicePayment(record: InvoicePaymentRecord): void {
    this.invoicePayments.push(record);
  }

  trade(record: TradeRecord): void {
    this.trades.push(record);
  }

  violation(message: string): void {
    if (this.violations.length < 1000) this.violations.push(message);
    console.error(`[bank] VIOLATION ${message}`);
  }

  summary(seconds: number) {
    return [...this.kinds.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, s]) => {
        const sorted = [...s.latencies].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
        return { kind, count: sorted.length, perSecond: sorted.length / seconds, p50: at(0.5), p99: at(0.99), ...s.outcomes, retries: s.retries };
      });
  }
}
