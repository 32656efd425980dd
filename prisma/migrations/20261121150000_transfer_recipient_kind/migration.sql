-- A created transfer's outcome also says whether its recipient is a person or a company
-- ("recipientKind", next to the result, not in it: the stored/replayed answer is unchanged), so the
-- caller runs the going-public check (lib/companies/going-public.ts) only for transfers to a company
-- — a transfer to a person costs no statement after ledger_transfer. Otherwise identical to
-- 20261121140000_transfer_batch.
CREATE OR REPLACE FUNCTION "ledger_transfer_batch"(p_user_id text[], p_key text[], p_request_hash text[], p_from bigint[],
                                        p_to text[], p_amount bigint[], p_currency text[], p_description text[])
RETURNS jsonb
LANGUAGE plpgsql
SET lock_timeout = '5s'
AS $fn$
DECLARE
  n int := coalesce(cardinality(p_key), 0);
  v_out jsonb[] := array_fill(NULL::jsonb, ARRAY[greatest(n, 1)]);  -- final answer per transfer
  v_pending jsonb[] := array_fill(NULL::jsonb, ARRAY[greatest(n, 1)]); -- a refusal from step 2, final unless a same-key transfer came first
  v_scope text[] := '{}';
  v_src_cur text[] := '{}';
  v_to bigint[] := '{}';
  v_label text[] := '{}';
  v_kind text[] := '{}';
  v_ok boolean[] := array_fill(false, ARRAY[greatest(n, 1)]);          -- still standing after step 2
  v_replay_of int[] := array_fill(NULL::int, ARRAY[greatest(n, 1)]);  -- same-key transfer of this batch it replays
  v_owner jsonb := '{}';  -- scope<TAB>key → index of the transfer of this batch that created it
  v_claim_scope text[] := '{}';
  v_claim_key text[] := '{}';
  v_claimed jsonb;  -- scope<TAB>key → true for the keys this batch claimed
  v_recipient jsonb;
  v_recipients jsonb[];
  v_refusal jsonb;
  v_wanted bigint[];
  v_ids bigint[];
  v_old bigint[];
  v_bal numeric[];
  v_neg boolean[];
  v_cur text[];
  v_status text[];
  v_from_after bigint[] := '{}';
  v_to_after bigint[] := '{}';
  v_created int[] := '{}';
  v_entry_ids bigint[] := '{}';
  v_result jsonb[] := array_fill(NULL::jsonb, ARRAY[greatest(n, 1)]);
  v_created_at timestamptz;
  mk text;
  fi int;
  ti int;
  v_count int;
  v_changed int;
BEGIN
  IF n = 0 THEN RETURN '[]'::jsonb; END IF;
  IF n > 1000 THEN
    RAISE EXCEPTION 'ledger_transfer_batch: at most 1000 transfers per batch' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF cardinality(p_user_id) <> n OR cardinality(p_request_hash) <> n OR cardinality(p_from) <> n OR cardinality(p_to) <> n
     OR cardinality(p_amount) <> n OR cardinality(p_currency) <> n OR cardinality(p_description) <> n THEN
    RAISE EXCEPTION 'ledger_transfer_batch: the arrays differ in length' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- 1 + 2. Answer first; then authorization and recipient (reads only). One statement for the whole
  -- batch: SQL functions called from a set query keep their plans, called one by one they would not.
  -- (MATERIALIZED: each key is looked up once, not once per reference to its answer.)
  WITH s AS MATERIALIZED (
    SELECT t.i, t.u, t.to_text, t.want, idempotency_answer('transfer', 'user:' || t.u, t.k, t.h) AS ans, a.currency::text AS cur
      FROM unnest(p_user_id, p_key, p_request_hash, p_from, p_to, p_currency) WITH ORDINALITY AS t(u, k, h, f, to_text, want, i)
      LEFT JOIN accounts a ON a.id = t.f AND ledger_can_spend(t.u, a.id))
  SELECT array_agg('user:' || s.u ORDER BY s.i), array_agg(s.ans ORDER BY s.i), array_agg(s.cur ORDER BY s.i),
         array_agg(CASE WHEN s.ans IS NULL AND s.cur IS NOT NULL AND (s.want IS NULL OR s.want = s.cur)
                        THEN ledger_resolve_recipient(s.to_text, s.cur) END ORDER BY s.i)
    INTO v_scope, v_out, v_src_cur, v_recipients
    FROM s;

  FOR i IN 1..n LOOP
    CONTINUE WHEN v_out[i] IS NOT NULL;
    IF v_src_cur[i] IS NULL THEN
      v_pending[i] := jsonb_build_object('status', 'refused', 'reason', 'source_not_found', 'account_id', p_from[i]::text);
      CONTINUE;
    END IF;
    IF p_currency[i] IS NOT NULL AND p_currency[i] <> v_src_cur[i] THEN
      v_pending[i] := jsonb_build_object('status', 'refused', 'reason', 'source_currency', 'account_id', p_from[i]::text,
                                         'account_currency', v_src_cur[i], 'currency', p_currency[i]);
      CONTINUE;
    END IF;
    v_recipient := v_recipients[i];
    IF NOT (v_recipient->>'ok')::boolean THEN
      v_pending[i] := v_recipient - 'ok' || jsonb_build_object('status', 'refused');
      CONTINUE;
    END IF;
    v_to[i] := (v_recipient->>'account_id')::bigint;
    IF v_to[i] = p_from[i] THEN
      v_pending[i] := jsonb_build_object('status', 'refused', 'reason', 'same_account', 'account_id', p_from[i]::text);
      CONTINUE;
    END IF;
    IF p_amount[i] IS NULL OR p_amount[i] <= 0 THEN
      v_pending[i] := jsonb_build_object('status', 'refused', 'reason', 'invalid_entry', 'step', 1,
                                         'detail', 'amounts are positive and source and destination differ');
      CONTINUE;
    END IF;
    v_label[i] := v_recipient->>'label';
    v_kind[i] := v_recipient->>'kind';
    v_ok[i] := true;
  END LOOP;

  -- 3. Claim the keys of the transfers still standing, in (scope, key) order (one INSERT takes its
  -- rows in the order its SELECT yields them).
  WITH claimed AS (
    INSERT INTO idempotency_keys (operation, scope, key, request_hash)
    SELECT 'transfer', c.scope, c.key, p_request_hash[c.first]
      FROM (SELECT t.scope, t.key, min(t.i) AS first
              FROM unnest(v_scope, p_key, v_ok) WITH ORDINALITY AS t(scope, key, ok, i)
             WHERE t.ok AND v_out[t.i] IS NULL GROUP BY t.scope, t.key) c
     ORDER BY c.scope, c.key
    ON CONFLICT DO NOTHING
    RETURNING scope, key)
  SELECT coalesce(array_agg(scope), '{}'), coalesce(array_agg(key), '{}'), coalesce(jsonb_object_agg(scope || E'\t' || key, true), '{}')
    INTO v_claim_scope, v_claim_key, v_claimed FROM claimed;
  -- A key we could not claim was committed by another transaction while we waited: every transfer of
  -- ours with it is answered from its row.
  FOR i IN 1..n LOOP
    IF v_ok[i] AND v_out[i] IS NULL AND NOT v_claimed ? (v_scope[i] || E'\t' || p_key[i]) THEN
      v_out[i] := coalesce(idempotency_answer('transfer', v_scope[i], p_key[i], p_request_hash[i]), jsonb_build_object('status', 'in_progress'));
    END IF;
  END LOOP;

  -- 4. Lock every account the batch may touch, once, in ascending id order.
  SELECT array_agg(DISTINCT x ORDER BY x) INTO v_wanted
    FROM (SELECT unnest(ARRAY[p_from[i], v_to[i]]) AS x FROM generate_series(1, n) AS i WHERE v_ok[i] AND v_out[i] IS NULL) s;
  IF v_wanted IS NOT NULL THEN
    SELECT array_agg(s.account_id ORDER BY s.account_id), array_agg(s.balance ORDER BY s.account_id),
           array_agg(s.allow_negative ORDER BY s.account_id), array_agg(s.currency ORDER BY s.account_id),
           array_agg(s.status ORDER BY s.account_id)
      INTO v_ids, v_old, v_neg, v_cur, v_status
      FROM (SELECT b.account_id, b.balance, b.allow_negative, a.currency::text AS currency, a.status::text AS status
              FROM balances b JOIN accounts a ON a.id = b.account_id
             WHERE b.account_id = ANY(v_wanted)
             ORDER BY b.account_id
               FOR UPDATE OF b) s;
  END IF;
  v_ids := coalesce(v_ids, '{}');
  v_bal := coalesce(v_old::numeric[], '{}');

  -- Apply in array order, on the locked values, as ledger_post would apply each transfer alone.
  FOR i IN 1..n LOOP
    CONTINUE WHEN v_out[i] IS NOT NULL;
    mk := v_scope[i] || E'\t' || p_key[i];
    IF v_owner ? mk THEN
      v_replay_of[i] := (v_owner->>mk)::int;  -- answered below, once the owner's entry id is known
      CONTINUE;
    END IF;
    IF NOT v_ok[i] THEN
      v_out[i] := v_pending[i];
      CONTINUE;
    END IF;
    fi := array_position(v_ids, p_from[i]);
    ti := array_position(v_ids, v_to[i]);
    IF fi IS NULL OR ti IS NULL THEN
      v_out[i] := jsonb_build_object('status', 'refused', 'reason', 'account_not_found',
                                     'account_id', (CASE WHEN fi IS NULL AND (ti IS NOT NULL OR p_from[i] < v_to[i]) THEN p_from[i] ELSE v_to[i] END)::text);
      CONTINUE;
    END IF;
    IF v_status[fi] <> 'OPEN' OR v_status[ti] <> 'OPEN' THEN
      v_out[i] := jsonb_build_object('status', 'refused', 'reason', 'account_closed',
                                     'account_id', (CASE WHEN v_status[fi] <> 'OPEN' AND (v_status[ti] = 'OPEN' OR p_from[i] < v_to[i]) THEN p_from[i] ELSE v_to[i] END)::text);
      CONTINUE;
    END IF;
    v_refusal := ledger_entry_refusal(1, p_from[i], v_to[i], p_amount[i], v_src_cur[i], v_bal[fi], v_bal[ti], v_neg[fi], v_cur[fi], v_cur[ti]);
    IF v_refusal IS NOT NULL THEN
      v_out[i] := v_refusal - 'ok' || jsonb_build_object('status', 'refused');
      CONTINUE;
    END IF;
    v_bal[fi] := v_bal[fi] - p_amount[i];
    v_bal[ti] := v_bal[ti] + p_amount[i];
    v_from_after[i] := v_bal[fi];
    v_to_after[i] := v_bal[ti];
    v_created := v_created || i;
    v_owner := v_owner || jsonb_build_object(mk, i);
  END LOOP;

  -- 5. Write: each changed balance row once; the old-balance guard can only fail if a lock did not hold.
  IF cardinality(v_created) > 0 THEN
    UPDATE balances b
       SET balance = c.new_balance, version = b.version + 1, last_updated = now()
      FROM unnest(v_ids, v_old, v_bal::bigint[]) AS c(account_id, old_balance, new_balance)
     WHERE b.account_id = c.account_id AND c.new_balance <> c.old_balance AND b.balance = c.old_balance;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    SELECT count(*) INTO v_changed FROM unnest(v_old, v_bal) AS c(o, nw) WHERE o <> nw;
    IF v_count <> v_changed THEN
      RAISE EXCEPTION 'ledger_transfer_batch invariant broken: updated % of % balance rows', v_count, v_changed USING ERRCODE = 'internal_error';
    END IF;

    -- Ids drawn while the rows are locked and handed out in ascending order to the transfers in the
    -- order they were applied: per account, id order is application order.
    SELECT array_agg(x ORDER BY x) INTO v_entry_ids
      FROM (SELECT nextval('ledger_entries_id_seq'::regclass) AS x FROM generate_series(1, cardinality(v_created))) s;
    WITH ins AS (
      INSERT INTO ledger_entries (id, from_account_id, to_account_id, amount, currency, type, description,
                                  from_balance_after, to_balance_after, idempotency_key, created_by_user_id)
      SELECT c.entry_id, p_from[c.i], v_to[c.i], p_amount[c.i], v_src_cur[c.i], 'transfer', coalesce(p_description[c.i], ''),
             v_from_after[c.i], v_to_after[c.i], p_key[c.i], p_user_id[c.i]
        FROM unnest(v_created, v_entry_ids) AS c(i, entry_id)
      RETURNING created_at)
    SELECT count(*), min(created_at) INTO v_count, v_created_at FROM ins;
    IF v_count <> cardinality(v_created) THEN
      RAISE EXCEPTION 'ledger_transfer_batch invariant broken: inserted % of % entries', v_count, cardinality(v_created) USING ERRCODE = 'internal_error';
    END IF;

    FOR k IN 1..cardinality(v_created) LOOP
      fi := v_created[k];
      v_result[fi] := jsonb_build_object(
        'entryId', v_entry_ids[k]::text,
        'fromAccountId', p_from[fi]::text,
        'toAccountId', v_to[fi]::text,
        'recipient', v_label[fi],
        'amount', p_amount[fi]::text,
        'currency', v_src_cur[fi],
        'description', p_description[fi],
        'fromBalanceAfter', v_from_after[fi]::text,
        'createdAt', to_char(v_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
      v_out[fi] := jsonb_build_object('status', 'created', 'result', v_result[fi], 'recipientKind', v_kind[fi]);
    END LOOP;

    -- The owner's request is the one stored with the key (an earlier same-key transfer may have been refused).
    UPDATE idempotency_keys k
       SET response = v_result[c.i], request_hash = p_request_hash[c.i]
      FROM unnest(v_created) AS c(i)
     WHERE k.operation = 'transfer' AND k.scope = v_scope[c.i] AND k.key = p_key[c.i];
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count <> cardinality(v_created) THEN
      RAISE EXCEPTION 'ledger_transfer_batch invariant broken: stored % of % answers', v_count, cardinality(v_created) USING ERRCODE = 'internal_error';
    END IF;
  END IF;

  -- A refused transfer leaves no claim behind, so its key can be retried.
  DELETE FROM idempotency_keys k
   USING unnest(v_claim_scope, v_claim_key) AS c(scope, key)
   WHERE k.operation = 'transfer' AND k.scope = c.scope AND k.key = c.key AND NOT (v_owner ? (c.scope || E'\t' || c.key));

  -- Same-key transfers of this batch answer as a retry would: the owner's answer, or a conflict.
  FOR i IN 1..n LOOP
    IF v_replay_of[i] IS NOT NULL THEN
      v_out[i] := CASE WHEN p_request_hash[i] = p_request_hash[v_replay_of[i]]
                       THEN jsonb_build_object('status', 'replayed', 'result', v_result[v_replay_of[i]])
                       ELSE jsonb_build_object('status', 'conflict') END;
    END IF;
  END LOOP;

  RETURN to_jsonb(v_out[1:n]);
END;
$fn$;
