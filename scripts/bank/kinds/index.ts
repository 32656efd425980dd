// Every operation kind the bank test runs. Add a kind as one file beside these and list it here.
import { balanceCheckoutKind, invoiceCheckoutKind } from "./checkout-form";
import { invoicePayKind } from "./invoice-pay";
import type { OperationKind } from "./kind";
import { marketRunKind } from "./marketplace-run";
import { foreignReadKind, readKind } from "./reads";
import { signInKind } from "./sign-in";
import { tradeKind } from "./trade-api";
import { conflictKind, overdraftKind, replayKind, transferKind } from "./transfer-api";
import { transferFormKind } from "./transfer-form";

export const OPERATION_KINDS: readonly OperationKind[] = [
  transferKind,
  overdraftKind,
  replayKind,
  conflictKind,
  transferFormKind,
  tradeKind,
  balanceCheckoutKind,
  invoiceCheckoutKind,
  invoicePayKind,
  marketRunKind,
  readKind,
  foreignReadKind,
  signInKind,
];
