-- DropForeignKey
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_user_id_fkey";

-- DropForeignKey
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_company_id_fkey";

-- DropForeignKey
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_product_id_fkey";

-- DropForeignKey
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_created_by_user_id_fkey";

-- AlterTable
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_pkey",
ADD COLUMN     "operation" TEXT NOT NULL DEFAULT 'transfer',
ADD CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("operation", "scope", "key");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing keys were all transfers; new rows always name their operation.
ALTER TABLE "idempotency_keys" ALTER COLUMN "operation" DROP DEFAULT;
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_operation_format" CHECK ("operation" ~ '^[a-z][a-z_]{0,31}$');

-- ---------------------------------------------------------------------------------------------
-- ledger_post: THE posting function. Replaces ledger_post_entries, whose guarded UPDATE filtered on
-- the statement's snapshot while FOR UPDATE had returned a newer row: a debit queued behind a
-- covering credit was checked against the new balance but silently skipped by the UPDATE, so the
-- entry and the credit committed without the debit.
--
-- Invariants:
-- - The accounts to lock are derived from the entries themselves, and locked in ascending id order
--   (every posting takes its row locks in the same global order, so postings queue, never deadlock).
-- - Every check and every write uses the balances the locks returned, never a snapshot's.
-- - Refusals (nothing written) come back as {ok:false, reason, …facts}; reasons: invalid_entry,
--   account_not_found, account_closed, currency_mismatch, insufficient_funds, overflow.
-- - A breach of its own invariants (rows updated ≠ rows changed, entries inserted ≠ entries given)
--   RAISES, so nothing commits whatever the caller's transaction mode (autocommit included).
-- - Entry ids are drawn in posting order while the rows are locked, so per account the id order is
--   the application order and from/to_balance_after form a chain.
-- Amounts and balances travel as text in the JSON answer: JSON numbers lose precision past 2^53.
-- ---------------------------------------------------------------------------------------------
DROP FUNCTION "ledger_post_entries"(bigint[], bigint[], bigint[], text[], text[], int[], text[], text[], text[], bigint[], text[], text, text);

CREATE FUNCTION "ledger_post"(
  p_from bigint[], p_to bigint[], p_amount bigint[], p_type text[], p_description text[], p_batch_count int[],
  p_product_id text[], p_company_id text[], p_transaction_id text[], p_currency text[],
  p_idempotency_key text, p_created_by text)
RETURNS jsonb
LANGUAGE plpgsql
SET lock_timeout = '5s'
AS $fn$
DECLARE
  n int := coalesce(cardinality(p_from), 0);
  max_balance CONSTANT numeric := 9223372036854775807;
  v_ids bigint[];
  v_old bigint[];
  v_bal numeric[];
  v_neg boolean[];
  v_cur text[];
  v_status text[];
  v_wanted bigint[];
  v_from_after bigint[] := '{}';
  v_to_after bigint[] := '{}';
  v_entry_cur text[] := '{}';
  fi int;
  ti int;
  v_changed int;
  v_count int;
  v_entry_id bigint;
  v_entry_ids bigint[] := '{}';
  v_created timestamptz;
BEGIN
  IF n = 0 OR n > 1000 THEN
    RETURN jsonb_build_object('ok', false, 'reason', 'invalid_entry', 'step', 0, 'detail', 'a posting has 1 to 1000 entries');
  END IF;
  IF coalesce(cardinality(p_to), 0) <> n OR coalesce(cardinality(p_amount), 0) <> n OR coalesce(cardinality(p_type), 0) <> n
     OR (p_description IS NOT NULL AND cardinality(p_description) <> n) OR (p_batch_count IS NOT NULL AND cardinality(p_batch_count) <> n)
     OR (p_product_id IS NOT NULL AND cardinality(p_product_id) <> n) OR (p_company_id IS NOT NULL AND cardinality(p_company_id) <> n)
     OR (p_transaction_id IS NOT NULL AND cardinality(p_transaction_id) <> n) OR (p_currency IS NOT NULL AND cardinality(p_currency) <> n) THEN
    RAISE EXCEPTION 'ledger_post: the entry arrays differ in length' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 1..n LOOP
    IF p_from[i] IS NULL OR p_to[i] IS NULL OR p_amount[i] IS NULL OR p_amount[i] <= 0 OR p_from[i] = p_to[i] THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'invalid_entry', 'step', i,
                                'detail', 'amounts are positive and source and destination differ');
    END IF;
  END LOOP;

  SELECT array_agg(DISTINCT x ORDER BY x) INTO v_wanted FROM unnest(p_from || p_to) AS x;

  -- Lock in ascending id order. FOR UPDATE hands back the newest committed version of each row
  -- (after waiting for its writer); these values are the only ones used below.
  SELECT array_agg(s.account_id ORDER BY s.account_id), array_agg(s.balance ORDER BY s.account_id),
         array_agg(s.allow_negative ORDER BY s.account_id), array_agg(s.currency ORDER BY s.account_id),
         array_agg(s.status ORDER BY s.account_id)
    INTO v_ids, v_old, v_neg, v_cur, v_status
    FROM (SELECT b.account_id, b.balance, b.allow_negative, a.currency::text AS currency, a.status::text AS status
            FROM balances b JOIN accounts a ON a.id = b.account_id
           WHERE b.account_id = ANY(v_wanted)
           ORDER BY b.account_id
             FOR UPDATE OF b) s;

  IF coalesce(cardinality(v_ids), 0) <> cardinality(v_wanted) THEN
    RETURN jsonb_build_object('ok', false, 'reason', 'account_not_found',
      'account_id', (SELECT min(w)::text FROM unnest(v_wanted) w WHERE v_ids IS NULL OR NOT w = ANY(v_ids)));
  END IF;
  FOR k IN 1..cardinality(v_ids) LOOP
    IF v_status[k] <> 'OPEN' THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'account_closed', 'account_id', v_ids[k]::text);
    END IF;
  END LOOP;

  -- Replay the entries in order on the locked balances: no non-system account below zero at any step.
  v_bal := v_old::numeric[];
  FOR i IN 1..n LOOP
    fi := array_position(v_ids, p_from[i]);
    ti := array_position(v_ids, p_to[i]);
    IF v_cur[fi] <> v_cur[ti] OR (p_currency IS NOT NULL AND p_currency[i] IS NOT NULL AND p_currency[i] <> v_cur[fi]) THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'currency_mismatch', 'step', i,
        'from_account_id', p_from[i]::text, 'from_currency', v_cur[fi], 'to_account_id', p_to[i]::text,
        'to_currency', v_cur[ti], 'currency', CASE WHEN p_currency IS NULL THEN NULL ELSE p_currency[i] END);
    END IF;
    IF NOT v_neg[fi] AND v_bal[fi] < p_amount[i] THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'insufficient_funds', 'step', i, 'account_id', p_from[i]::text,
        'balance', v_bal[fi]::text, 'amount', p_amount[i]::text, 'currency', v_cur[fi]);
    END IF;
    v_bal[fi] := v_bal[fi] - p_amount[i];
    v_bal[ti] := v_bal[ti] + p_amount[i];
    IF abs(v_bal[fi]) > max_balance OR abs(v_bal[ti]) > max_balance THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'overflow', 'step', i,
        'account_id', (CASE WHEN abs(v_bal[fi]) > max_balance THEN p_from[i] ELSE p_to[i] END)::text);
    END IF;
    v_from_after[i] := v_bal[fi];
    v_to_after[i] := v_bal[ti];
    v_entry_cur[i] := v_cur[fi];
  END LOOP;

  -- Write the locked values forward. The old-balance guard can only fail if a lock did not hold.
  UPDATE balances b
     SET balance = c.new_balance, version = b.version + 1, last_updated = now()
    FROM unnest(v_ids, v_old, v_bal::bigint[]) AS c(account_id, old_balance, new_balance)
   WHERE b.account_id = c.account_id AND c.new_balance <> c.old_balance AND b.balance = c.old_balance;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  v_changed := 0;
  FOR k IN 1..cardinality(v_ids) LOOP
    IF v_bal[k] <> v_old[k] THEN v_changed := v_changed + 1; END IF;
  END LOOP;
  IF v_count <> v_changed THEN
    RAISE EXCEPTION 'ledger_post invariant broken: updated % of % balance rows', v_count, v_changed USING ERRCODE = 'internal_error';
  END IF;

  -- One INSERT per entry, in posting order (a cached plan each; ids are drawn in that order).
  v_created := now();
  FOR i IN 1..n LOOP
    INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, description, batch_count,
                                product_id, company_id, transaction_id, from_balance_after, to_balance_after,
                                idempotency_key, created_by_user_id, created_at)
    VALUES (p_from[i], p_to[i], p_amount[i], v_entry_cur[i], p_type[i]::"LedgerEntryType", coalesce(p_description[i], ''),
            p_batch_count[i], p_product_id[i], p_company_id[i], p_transaction_id[i], v_from_after[i], v_to_after[i],
            p_idempotency_key, p_created_by, v_created)
    RETURNING id INTO v_entry_id;
    v_entry_ids[i] := v_entry_id;
  END LOOP;
  IF cardinality(v_entry_ids) <> n THEN
    RAISE EXCEPTION 'ledger_post invariant broken: inserted % of % entries', cardinality(v_entry_ids), n USING ERRCODE = 'internal_error';
  END IF;

  RETURN jsonb_build_object('ok', true, 'ids', to_jsonb(v_entry_ids::text[]), 'created_at', v_created,
    'currencies', to_jsonb(v_entry_cur),
    'from_after', to_jsonb(v_from_after::text[]), 'to_after', to_jsonb(v_to_after::text[]));
END;
$fn$;

-- Who may move money out of an account: its person, or an owner or manager of its company
-- (company_members). lib/ledger/account-access.ts states the same rule (`allows("spend", …)`) for
-- pages and lists; ledger_transfer asks here; a test checks the two agree.
CREATE FUNCTION "ledger_can_spend"(p_user_id text, p_account_id bigint) RETURNS boolean
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  -- plpgsql, not sql: its plan is cached per connection (a non-inlined SQL function is planned per call).
  RETURN EXISTS (SELECT 1 FROM accounts a
                  WHERE a.id = p_account_id AND a.kind <> 'SYSTEM'
                    AND (a.user_id = p_user_id
                         OR EXISTS (SELECT 1 FROM company_members m
                                     WHERE m.company_id = a.company_id AND m.user_id = p_user_id
                                       AND m.role IN ('owner', 'manager'))));
END;
$fn$;

-- The destination of a transfer from what a person types: an email (that user's personal account), an
-- account number ("#42" / "42"), or a company ticker (its operating account), in the given currency.
-- Answers {ok:true, account_id, kind, name, ticker, label} or {ok:false, reason, …}.
CREATE FUNCTION "ledger_resolve_recipient"(p_to text, p_currency text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  v_text text := btrim(p_to);
  v_row record;
  v_id bigint;
BEGIN
  IF position('@' IN v_text) > 0 THEN
    SELECT a.id, u.name, lower(v_text) AS email INTO v_row
      FROM accounts a JOIN users u ON u.id = a.user_id
     WHERE a.kind = 'PERSONAL' AND a.status = 'OPEN' AND a.currency = p_currency AND u.email = lower(v_text)
     ORDER BY a.id LIMIT 1;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'recipient_not_found', 'by', 'email', 'email', lower(v_text), 'currency', p_currency);
    END IF;
    RETURN jsonb_build_object('ok', true, 'account_id', v_row.id::text, 'kind', 'person', 'name', v_row.name,
                              'label', v_row.name || ' (' || v_row.email || ')');
  END IF;

  IF v_text ~ '^#?[0-9]{1,18}$' THEN
    v_id := ltrim(v_text, '#')::bigint;
    SELECT a.id, a.name, a.kind::text AS kind, a.status::text AS status, a.currency::text AS currency,
           coalesce(u.name, c.name, a.name) AS owner_name, c.ticker INTO v_row
      FROM accounts a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN companies c ON c.id = a.company_id
     WHERE a.id = v_id;
    IF NOT FOUND OR v_row.kind = 'SYSTEM' THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'recipient_not_found', 'by', 'account', 'account_id', v_id::text);
    END IF;
    IF v_row.status <> 'OPEN' THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'recipient_closed', 'account_id', v_id::text);
    END IF;
    IF v_row.currency <> p_currency THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'recipient_currency', 'account_id', v_id::text,
                                'account_currency', v_row.currency, 'currency', p_currency);
    END IF;
    RETURN jsonb_build_object('ok', true, 'account_id', v_id::text, 'kind', CASE v_row.kind WHEN 'COMPANY' THEN 'company' ELSE 'person' END,
                              'name', v_row.owner_name, 'ticker', v_row.ticker, 'label', v_row.name || ' (#' || v_id || ')');
  END IF;

  IF upper(v_text) ~ '^[A-Z][A-Z0-9]{0,9}$' THEN
    SELECT a.id, c.name, c.ticker INTO v_row
      FROM accounts a JOIN companies c ON c.id = a.company_id
     WHERE a.kind = 'COMPANY' AND a.status = 'OPEN' AND a.currency = p_currency AND c.ticker = upper(v_text)
     ORDER BY a.id LIMIT 1;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('ok', false, 'reason', 'recipient_not_found', 'by', 'ticker', 'ticker', upper(v_text), 'currency', p_currency);
    END IF;
    RETURN jsonb_build_object('ok', true, 'account_id', v_row.id::text, 'kind', 'company', 'name', v_row.name,
                              'ticker', v_row.ticker, 'label', v_row.name || ' (' || v_row.ticker || ')');
  END IF;

  RETURN jsonb_build_object('ok', false, 'reason', 'recipient_not_found', 'by', 'text', 'text', v_text);
END;
$fn$;

-- The stored answer for a key that exists: a replay when the request matches, else a conflict.
CREATE FUNCTION "idempotency_answer"(p_operation text, p_scope text, p_key text, p_request_hash text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  v_hash text;
  v_response jsonb;
BEGIN
  SELECT k.request_hash, k.response INTO v_hash, v_response
    FROM idempotency_keys k WHERE k.operation = p_operation AND k.scope = p_scope AND k.key = p_key;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF v_hash <> p_request_hash THEN RETURN jsonb_build_object('status', 'conflict'); END IF;
  IF v_response IS NULL THEN RETURN jsonb_build_object('status', 'in_progress'); END IF;
  RETURN jsonb_build_object('status', 'replayed', 'result', v_response);
END;
$fn$;

-- A whole transfer in one call (one round trip, safe in autocommit), in the money lock order:
--   1. the idempotency key is answered first: a retry of a request that succeeded gets the stored
--      answer even if the world changed since (account closed, access lost, recipient re-pointed);
--   2. authorization and recipient (reads only);
--   3. the key is claimed (a concurrent duplicate waits here until we commit, then replays);
--   4. exactly one posting; a refusal removes the claim, so nothing is left behind;
--   5. the answer is stored with the key.
-- Answers {status: created|replayed|conflict|in_progress|refused, result?, reason?, …facts}.
CREATE FUNCTION "ledger_transfer"(p_user_id text, p_key text, p_request_hash text, p_from bigint, p_to text,
                                  p_amount bigint, p_currency text, p_description text)
RETURNS jsonb
LANGUAGE plpgsql
SET lock_timeout = '5s'
AS $fn$
DECLARE
  v_scope text := 'user:' || p_user_id;
  v_answer jsonb;
  v_source record;
  v_recipient jsonb;
  v_to bigint;
  v_post jsonb;
  v_result jsonb;
BEGIN
  v_answer := idempotency_answer('transfer', v_scope, p_key, p_request_hash);
  IF v_answer IS NOT NULL THEN RETURN v_answer; END IF;

  SELECT a.id, a.currency::text AS currency INTO v_source FROM accounts a WHERE a.id = p_from;
  IF NOT FOUND OR NOT ledger_can_spend(p_user_id, p_from) THEN
    RETURN jsonb_build_object('status', 'refused', 'reason', 'source_not_found', 'account_id', p_from::text);
  END IF;
  IF p_currency IS NOT NULL AND p_currency <> v_source.currency THEN
    RETURN jsonb_build_object('status', 'refused', 'reason', 'source_currency', 'account_id', p_from::text,
                              'account_currency', v_source.currency, 'currency', p_currency);
  END IF;
  v_recipient := ledger_resolve_recipient(p_to, v_source.currency);
  IF NOT (v_recipient->>'ok')::boolean THEN
    RETURN v_recipient - 'ok' || jsonb_build_object('status', 'refused');
  END IF;
  v_to := (v_recipient->>'account_id')::bigint;
  IF v_to = p_from THEN
    RETURN jsonb_build_object('status', 'refused', 'reason', 'same_account', 'account_id', p_from::text);
  END IF;

  INSERT INTO idempotency_keys (operation, scope, key, request_hash) VALUES ('transfer', v_scope, p_key, p_request_hash)
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN idempotency_answer('transfer', v_scope, p_key, p_request_hash);
  END IF;

  v_post := ledger_post(ARRAY[p_from], ARRAY[v_to], ARRAY[p_amount], ARRAY['transfer'], ARRAY[p_description],
                        NULL, NULL, NULL, NULL, ARRAY[v_source.currency], p_key, p_user_id);
  IF NOT (v_post->>'ok')::boolean THEN
    DELETE FROM idempotency_keys WHERE operation = 'transfer' AND scope = v_scope AND key = p_key;
    RETURN v_post - 'ok' || jsonb_build_object('status', 'refused');
  END IF;

  v_result := jsonb_build_object(
    'entryId', v_post->'ids'->>0,
    'fromAccountId', p_from::text,
    'toAccountId', v_to::text,
    'recipient', v_recipient->>'label',
    'amount', p_amount::text,
    'currency', v_source.currency,
    'description', p_description,
    'fromBalanceAfter', v_post->'from_after'->>0,
    'createdAt', to_char((v_post->>'created_at')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
  UPDATE idempotency_keys SET response = v_result WHERE operation = 'transfer' AND scope = v_scope AND key = p_key;
  RETURN jsonb_build_object('status', 'created', 'result', v_result);
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Archive that cannot drift. One chunk moves the smallest live entry ids up to the cutoff. For every
-- account touched, its new checkpoint is COMPUTED from what moves (previous checkpoint, or 0, plus the
-- signed amounts moved) and cross-checked against the balance_after of its last moved entry; any
-- mismatch, or a checkpoint that would not move forward, aborts the chunk with the account named.
-- One archiver at a time (transaction-level advisory lock); the ids to move are fixed first, so
-- every statement below works on the same set whatever commits meanwhile.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION "ledger_archive_chunk"(p_cutoff bigint, p_limit int) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  v_ids bigint[];
  v_bad record;
  v_checkpoints int;
  v_archived int;
  v_deleted int;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('countinghouse.ledger_archive'));
  PERFORM set_config('countinghouse.archiving', 'on', true);
  SELECT array_agg(id ORDER BY id) INTO v_ids
    FROM (SELECT id FROM ledger_entries WHERE id <= p_cutoff ORDER BY id LIMIT p_limit) s;
  IF v_ids IS NULL THEN
    RETURN jsonb_build_object('moved', 0, 'checkpoints', 0, 'accounts', 0);
  END IF;

  CREATE TEMP TABLE IF NOT EXISTS archive_moves (account_id bigint PRIMARY KEY, moved numeric, last_id bigint, last_after bigint) ON COMMIT DROP;
  TRUNCATE archive_moves;
  INSERT INTO archive_moves (account_id, moved, last_id, last_after)
  SELECT s.account_id, sum(s.delta), max(s.id), (array_agg(s.balance_after ORDER BY s.id DESC))[1]
    FROM (SELECT from_account_id AS account_id, id, -amount::numeric AS delta, from_balance_after AS balance_after
            FROM ledger_entries WHERE id = ANY(v_ids)
          UNION ALL
          SELECT to_account_id, id, amount::numeric, to_balance_after
            FROM ledger_entries WHERE id = ANY(v_ids)) s
   GROUP BY s.account_id;

  SELECT m.account_id, coalesce(c.balance, 0) AS previous, m.moved, m.last_id, m.last_after, c.last_entry_id AS previous_id
    INTO v_bad
    FROM archive_moves m LEFT JOIN ledger_checkpoints c ON c.account_id = m.account_id
   WHERE coalesce(c.balance, 0) + m.moved <> m.last_after OR c.last_entry_id >= m.last_id
   ORDER BY m.account_id LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'archive aborted: account #% checkpoint % (entry #%) + moved % = % but entry #% says the balance was %; nothing was moved — run npm run ledger:verify',
      v_bad.account_id, v_bad.previous, coalesce(v_bad.previous_id::text, 'none'), v_bad.moved, v_bad.previous + v_bad.moved,
      v_bad.last_id, v_bad.last_after
      USING ERRCODE = 'data_corrupted';
  END IF;

  INSERT INTO ledger_checkpoints (account_id, balance, last_entry_id)
  SELECT m.account_id, m.last_after, m.last_id FROM archive_moves m
  ON CONFLICT (account_id) DO UPDATE SET balance = EXCLUDED.balance, last_entry_id = EXCLUDED.last_entry_id, created_at = now();
  GET DIAGNOSTICS v_checkpoints = ROW_COUNT;

  INSERT INTO ledger_entries_archive (id, from_account_id, to_account_id, amount, currency, type, description, batch_count,
                                      product_id, company_id, transaction_id, from_balance_after, to_balance_after,
                                      idempotency_key, created_at, created_by_user_id)
  SELECT id, from_account_id, to_account_id, amount, currency, type, description, batch_count, product_id, company_id,
         transaction_id, from_balance_after, to_balance_after, idempotency_key, created_at, created_by_user_id
    FROM ledger_entries WHERE id = ANY(v_ids);
  GET DIAGNOSTICS v_archived = ROW_COUNT;
  DELETE FROM ledger_entries WHERE id = ANY(v_ids);
  GET DIAGNOSTICS v_deleted = ROW_COUNT;
  IF v_archived <> cardinality(v_ids) OR v_deleted <> cardinality(v_ids) THEN
    RAISE EXCEPTION 'archive invariant broken: copied % and deleted % of % entries', v_archived, v_deleted, cardinality(v_ids)
      USING ERRCODE = 'internal_error';
  END IF;
  RETURN jsonb_build_object('moved', v_deleted, 'checkpoints', v_checkpoints, 'accounts', (SELECT count(*) FROM archive_moves));
END;
$fn$;

-- The archive is as immutable as the ledger: rows arrive only from the archiver and never change.
CREATE FUNCTION "ledger_archive_immutable"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('countinghouse.archiving', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only and written only by the archiver (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$fn$;
CREATE TRIGGER "ledger_entries_archive_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ledger_entries_archive"
  FOR EACH ROW EXECUTE FUNCTION "ledger_archive_immutable"();
CREATE TRIGGER "ledger_entries_archive_no_truncate" BEFORE TRUNCATE ON "ledger_entries_archive"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_archive_immutable"();

-- A checkpoint is written only by the archiver and only moves forward (a larger last_entry_id).
CREATE FUNCTION "ledger_checkpoint_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF current_setting('countinghouse.archiving', true) = 'on' THEN
    IF TG_OP = 'INSERT' THEN RETURN NEW; END IF;
    IF TG_OP = 'UPDATE' AND NEW.account_id = OLD.account_id AND NEW.last_entry_id > OLD.last_entry_id THEN RETURN NEW; END IF;
  END IF;
  RAISE EXCEPTION 'ledger_checkpoints only move forward, written by the archiver (% refused)', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$fn$;
CREATE TRIGGER "ledger_checkpoints_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ledger_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "ledger_checkpoint_forward_only"();
CREATE TRIGGER "ledger_checkpoints_no_truncate" BEFORE TRUNCATE ON "ledger_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_checkpoint_forward_only"();
