-- lvzhi schema, version 2: donations (捐款捐物) by members, which the year's work report
-- totals. Append-only like schema.sql: never edited once shipped.
--
-- Amounts are whole fen (分, 0.01 yuan), so sums are exact; goods are recorded at the value the
-- office puts on them.

CREATE TABLE donation (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    given_on     TEXT    NOT NULL CHECK (date(given_on) IS given_on),
    kind         TEXT    NOT NULL CHECK (kind IN ('money', 'goods')),
    amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
    purpose      TEXT    NOT NULL CHECK (length(purpose) > 0),
    activity_id  INTEGER REFERENCES activity (id) ON DELETE RESTRICT,
    note         TEXT
) STRICT;

CREATE INDEX donation_member ON donation (member_id);
CREATE INDEX donation_given_on ON donation (given_on);

CREATE TRIGGER donation_final_insert BEFORE INSERT ON donation
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER donation_final_update BEFORE UPDATE ON donation
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER donation_final_delete BEFORE DELETE ON donation
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;
