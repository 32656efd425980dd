// Every operation kind the bank test runs. Add a kind as one file beside these and list it here.
// Pending: checkouts paid by invoice, and marketplace runs — each a kind whose writes the checker
// looks up the same way.
import { checkoutKind } from "./checkout-form";
import type { OperationKind } from "./kind";
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
  checkoutKind,
  readKind,
  foreignReadKind,
  signInKind,
];
