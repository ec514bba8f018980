-- Schema of the pgstore example: what a host keeps in PostgreSQL for
-- partnerecon, read and written through database/sql with the SDK's
-- sql.Scanner / driver.Valuer methods.
--
-- Column forms (the SDK's documented ones):
--   * an amount is money.Amount's canonical text, TEXT '1234.50 USD': exact,
--     its currency included, every digit kept ('3.00010 USD' stays so);
--   * an enum is its name, TEXT ('won', 'sale', 'partner', 'settlement');
--   * a plan is its canonical JSON (incentive.Plan.Value) in JSONB, with
--     its hash (incentive.Plan.Hash, hex SHA-256 of that JSON) as the key;
--   * a figure without a currency of its own (a measure, a ledger target)
--     is NUMERIC, read and written as decimal.Decimal (PostgreSQL's NUMERIC
--     keeps the scale: 3.00010 comes back as 3.00010).
-- Nothing is ever a float.
--
-- Idempotency: payout_runs has one row per period. Running a period
-- inserts that row, the payout lines and the ledger entries in ONE
-- transaction (SERIALIZABLE); a retry finds the row, checks that the
-- recomputed result has the same hash, and writes nothing. A run that fails
-- half-way leaves no trace (the transaction is rolled back), so the retry
-- books everything once. The primary keys make a duplicated line
-- impossible even for a host that skipped the check.

CREATE TABLE plans (
    hash    TEXT PRIMARY KEY,            -- incentive.Plan.Hash()
    id      TEXT NOT NULL,
    version TEXT NOT NULL,
    doc     JSONB NOT NULL,              -- incentive.Plan.Value(): canonical JSON
    UNIQUE (id, version)
);

-- Deal registrations (dealreg). Only sales on a registration in state
-- 'won' count towards the payout (a host rule, applied in SQL).
CREATE TABLE registrations (
    id         TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL,
    customer   TEXT NOT NULL,
    state      TEXT NOT NULL,            -- dealreg.State name
    deal_size  TEXT NOT NULL             -- money.Amount text
);

CREATE TABLE transactions (
    id              TEXT PRIMARY KEY,    -- incentive.Transaction.ID
    registration_id TEXT NOT NULL REFERENCES registrations (id),
    partner_id      TEXT NOT NULL,
    date            DATE NOT NULL,
    kind            TEXT NOT NULL,       -- incentive.Kind name
    amount          TEXT NOT NULL        -- money.Amount text, the plan's currency
);

CREATE TABLE payout_runs (
    period_id   TEXT PRIMARY KEY,        -- one run per period
    plan_hash   TEXT NOT NULL REFERENCES plans (hash),
    result_hash TEXT NOT NULL,           -- SHA-256 of incentive.Result.MarshalJSON
    lines       INTEGER NOT NULL,
    total       TEXT NOT NULL            -- money.Amount text
);

CREATE TABLE payout_lines (
    period_id      TEXT NOT NULL REFERENCES payout_runs (period_id),
    recipient_kind TEXT NOT NULL,        -- incentive.RecipientKind name
    recipient_id   TEXT NOT NULL,
    component      TEXT NOT NULL,
    version        TEXT NOT NULL,
    measure        NUMERIC NOT NULL,
    amount         TEXT NOT NULL,        -- money.Amount text, rounded once by the plan
    trace          TEXT NOT NULL,        -- the line's trace sentence
    PRIMARY KEY (period_id, recipient_kind, recipient_id, component, version)
);

-- The incentive.Ledger journal, append-only: runs in booking order, then
-- entries in journal order. The host rebuilds the Ledger from these rows
-- (incentive.ParseLedger) and appends what Settle returns.
CREATE TABLE ledger_runs (
    seq INTEGER PRIMARY KEY,
    run TEXT NOT NULL UNIQUE
);

CREATE TABLE ledger_entries (
    seq            INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,        -- incentive.EntryKind name
    run            TEXT NOT NULL REFERENCES ledger_runs (run),
    window_id      TEXT NOT NULL,        -- the period the entry concerns
    recipient_kind TEXT NOT NULL,
    recipient_id   TEXT NOT NULL,
    component      TEXT NOT NULL,
    amount         NUMERIC NOT NULL,     -- signed, in the plan's currency
    target         NUMERIC NOT NULL,
    measure        NUMERIC NOT NULL
);
