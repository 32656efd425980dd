// The share-side rules of a trade, pure so they are unit-tested apart from the database. The
// database backs the limit up (stock_positions_within_shares trigger, quantity >= 0 CHECK).
import { AppError } from "../errors/app-error";

export function assertQuantityAllowed(quantity: bigint, maxPerTrade: bigint): void {
  if (quantity < 1n || quantity > maxPerTrade) {
    const message = `A trade is 1 to ${maxPerTrade.toLocaleString("en-US")} whole shares.`;
    throw new AppError("invalid_input", message, { fieldErrors: { quantity: message } });
  }
}

/** One person's holding (all their accounts together) never exceeds the company's shares. */
export function assertWithinOwnershipLimit(held: bigint, buying: bigint, totalShares: bigint): void {
  if (held + buying > totalShares) {
    const left = totalShares - held;
    const message = `You can own at most ${totalShares.toLocaleString("en-US")} shares of this company; you hold ${held.toLocaleString("en-US")}, so you can buy ${left.toLocaleString("en-US")} more.`;
    throw new AppError("invalid_input", message, { fieldErrors: { quantity: message } });
  }
}

export function assertCanSell(held: bigint, selling: bigint): void {
  if (selling > held) {
    const message = `You hold ${held.toLocaleString("en-US")} shares, fewer than ${selling.toLocaleString("en-US")}.`;
    throw new AppError("invalid_input", message, { fieldErrors: { quantity: message } });
  }
}
