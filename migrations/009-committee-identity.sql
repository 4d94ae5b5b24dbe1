-- lvzhi schema, version 9: the committee's identity, and the package a county sends up (报送).
-- Append-only like schema.sql: never edited once shipped.
--
-- committee.code is the committee's administrative division code (six digits, 140923 for
-- 代县), parent_code that of the committee it reports to (140900 for 忻州市); both NULL until
-- set. Neither is an input of a year's result, so the year locks (committee_final_update in
-- 003-final-seal.sql watches term_start only) leave them settable in a finalised year.
--
-- package is empty in every file but a package made by `lvzhi backup --package`, where its one
-- row says when and by which version the copy was made, for which committee, and what it holds.

ALTER TABLE committee ADD COLUMN code TEXT
    CHECK (code IS NULL OR code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]');
ALTER TABLE committee ADD COLUMN parent_code TEXT
    CHECK (parent_code IS NULL OR parent_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]');

CREATE TABLE package (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    made_at         TEXT    NOT NULL CHECK (length(made_at) > 0),
    committee_code  TEXT    NOT NULL CHECK (committee_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    lvzhi_version   TEXT    NOT NULL CHECK (length(lvzhi_version) > 0),
    members         INTEGER NOT NULL CHECK (members >= 0),
    activities      INTEGER NOT NULL CHECK (activities >= 0),
    proposals       INTEGER NOT NULL CHECK (proposals >= 0),
    reports         INTEGER NOT NULL CHECK (reports >= 0),
    -- The finalised years, as a JSON array of numbers in ascending order.
    final_years     TEXT    NOT NULL CHECK (json_valid(final_years) AND json_type(final_years) = 'array')
) STRICT;
