import { AppError } from "../errors/app-error";
import { formatMoney } from "../money/amount";

/** The source account cannot cover the amount; nothing was written. */
export class InsufficientFundsError extends AppError {
  override name = "InsufficientFundsError";
  constructor(
    readonly accountId: bigint,
    readonly available: bigint,
    readonly needed: bigint,
    readonly currency: string,
  ) {
    super(
      "insufficient_funds",
      `Insufficient funds: account #${accountId} has ${formatMoney(available, currency)} available and this needs ${formatMoney(needed, currency)}.`,
      { fieldErrors: { amount: `Insufficient funds: the balance is ${formatMoney(available, currency)}.` } },
    );
  }
}
