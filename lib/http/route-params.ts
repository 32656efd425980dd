import { AppError } from "../errors/app-error";
import { parseAccountId } from "../ledger/account-access";

/** An account id from a URL segment; malformed ids are simply "not found". */
export function accountIdParam(value: string): bigint {
  const id = parseAccountId(value);
  if (id === null) throw new AppError("not_found", "Account not found.");
  return id;
}
