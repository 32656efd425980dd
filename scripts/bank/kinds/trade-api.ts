// Stock trades over POST /api/v1/trades with the client's API token: buy (or sell) 1–5 shares of the
// world's listed company, with an idempotency key; a sell with too few shares, or a buy over the
// balance, is refused (422) and must leave nothing. The checker (Checker.trades) then demands every
// acknowledged trade once in stock_trades under its key, no refused one, and every position equal
// to its trades.
import { GaveUp, untilAnswered } from "../http";
import type { TradeRecord } from "../history";
import type { OperationKind } from "./kind";

export const tradeKind: OperationKind = {
  name: "trade",
  weight: 8,
  async run(context) {
    const started = performance.now();
    const side = context.random.next() < 0.6 ? "buy" : "sell";
    const quantity = context.random.int(1, 5);
    const key = context.newKey();
    const record: TradeRecord = { userId: context.user.id, key, side, quantity: BigInt(quantity), status: "unresolved" };
    context.history.trade(record);
    const body = JSON.stringify({ ticker: context.listedTicker, side, quantity: String(quantity) });
    try {
      const answer = await untilAnswered(
        context.balancer,
        (base) =>
          new Request(`${base}/api/v1/trades`, {
            method: "POST",
            headers: { authorization: `Bearer ${context.user.token}`, "content-type": "application/json", "idempotency-key": key },
            body,
          }),
        context.giveUpAt,
      );
      if (answer.status === 200 || answer.status === 201) {
        record.status = "acked";
        const data = (JSON.parse(answer.text) as { data: { tradeId: string; side: string; quantity: string } }).data;
        record.tradeId = data.tradeId;
        if (data.side !== side || data.quantity !== String(quantity)) context.history.violation(`${this.name}: ${key} asked ${side} ${quantity}, answered ${data.side} ${data.quantity}`);
        return context.history.operation(this.name, "ok", performance.now() - started, answer.retries);
      }
      record.status = "refused";
      // 422: too few shares to sell, or too little money to buy; anything else is a bug.
      if (answer.status !== 422) context.history.violation(`${this.name}: unexpected ${answer.status} ${answer.text.slice(0, 300)}`);
      return context.history.operation(this.name, "refused", performance.now() - started, answer.retries);
    } catch (error) {
      if (error instanceof GaveUp) return context.history.operation(this.name, "unresolved", performance.now() - started, 0);
      throw error;
    }
  },
};
