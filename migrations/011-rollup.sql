-- lvzhi schema, version 11: the roll-up file (汇总), which holds the committees whose packages
-- a city or province office has brought in. Append-only like schema.sql: never edited once
-- shipped.
--
-- committee.rollup_code is set on committee 1 of a roll-up file, made by `lvzhi rollup init`:
-- the division code of the city or province whose committees it brings together (kept apart
-- from committee.code, so that the city committee's own package, of the same code, can be
-- held in it beside its counties'). The roll-up's own committee keeps no records; every other
-- committee in it is a copy of a package, read-only.
-- rollup_package says, for each committee brought in, which package it came from and how its
-- row ids were moved to fit beside the others (offsets: a JSON object, table name to the number
-- added to the package's ids of that table; references moved by their table's offset).

ALTER TABLE committee ADD COLUMN rollup_code TEXT
    CHECK (rollup_code IS NULL OR (id = 1 AND rollup_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'));

CREATE TABLE rollup_package (
    committee_id   INTEGER PRIMARY KEY REFERENCES committee (id) ON DELETE CASCADE CHECK (committee_id <> 1),
    added_at       TEXT    NOT NULL CHECK (length(added_at) > 0),
    made_at        TEXT    NOT NULL CHECK (length(made_at) > 0),
    lvzhi_version  TEXT    NOT NULL CHECK (length(lvzhi_version) > 0),
    file_sha256    TEXT    NOT NULL CHECK (length(file_sha256) = 64),
    -- The package's audit log: how many entries, and the hash of the newest ('' for none). A
    -- later package of the committee must hold this entry, or it does not extend this one.
    audit_entries  INTEGER NOT NULL CHECK (audit_entries >= 0),
    audit_head     TEXT    NOT NULL,
    members        INTEGER NOT NULL CHECK (members >= 0),
    activities     INTEGER NOT NULL CHECK (activities >= 0),
    proposals      INTEGER NOT NULL CHECK (proposals >= 0),
    reports        INTEGER NOT NULL CHECK (reports >= 0),
    final_years    TEXT    NOT NULL CHECK (json_valid(final_years) AND json_type(final_years) = 'array'),
    offsets        TEXT    NOT NULL CHECK (json_valid(offsets) AND json_type(offsets) = 'object')
) STRICT;

-- Every reference indexed where no index served it yet: a roll-up removes a committee's rows
-- (when a newer package replaces them), and each row removed has its references looked up.
CREATE INDEX activity_org ON activity (org_id);
CREATE INDEX activity_kind_of ON activity (kind_id);
CREATE INDEX adjustment_member ON adjustment (member_id);
CREATE INDEX assessment_scheme ON assessment (scheme_id);
CREATE INDEX assessment_member_member ON assessment_member (member_id);
CREATE INDEX commendation_member ON commendation (member_id);
CREATE INDEX contribution_kind_of ON contribution (kind_id);
CREATE INDEX donation_activity ON donation (activity_id);
CREATE INDEX opinion_instruction_opinion ON opinion_instruction (opinion_id);
CREATE INDEX proposal_merged_into ON proposal (merged_into);
CREATE INDEX proposal_org ON proposal (org_id);
CREATE INDEX sector_alias_sector ON sector_alias (sector_id);
