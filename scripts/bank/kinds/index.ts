// Every operation kind the bank test runs. Add a kind as one file beside these and list it here.
// Pending (their features are on other branches): checkout (balance + invoice, several sellers),
// stock trades, marketplace runs — each a kind whose writes the checker looks up the same way.
import type { OperationKind } from "./kind";
import { foreignReadKind, readKind } from "./reads";
import { signInKind } from "./sign-in";
import { conflictKind, overdraftKind, replayKind, transferKind } from "./transfer-api";
import { transferFormKind } from "./transfer-form";

export const OPERATION_KINDS: readonly OperationKind[] = [
  transferKind,
  overdraftKind,
  replayKind,
  conflictKind,
  transferFormKind,
  readKind,
  foreignReadKind,
  signInKind,
];
