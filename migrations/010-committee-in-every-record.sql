-- lvzhi schema, version 10: every record knows its committee. Append-only: never edited once
-- shipped.
--
-- A file may hold several committees: committee 1 is always the file's own (a county file holds
-- only it, as before); a roll-up file holds copies of other committees brought in from their
-- packages. So:
-- - committee loses its CHECK (id = 1), its code becomes unique (among those set), and it gains
--   `loading`: 1 while a committee's records are being replaced in a roll-up, when its locks
--   (below) are lifted. Committee 1 can never be loading, so a county file is exactly as
--   protected as before.
-- - Every other table but `package` (which describes the file) gains, as its last column,
--   committee_id, 1 unless given, so every existing INSERT keeps its meaning. It is not a
--   declared foreign key: a file made by `lvzhi init` without --name holds records (the
--   built-in activity kinds, sectors …) before its committee row exists. Instead a committee
--   cannot be deleted while any record of it remains (trigger committee_in_use).
-- - What identifies a record (a member's code and ID number, a sector's code and name, a
--   proposal's number, a year's current assessment …) is unique per committee; the natural key
--   comes first in each such index, so lookups by it alone keep using the index. Uniqueness
--   within a parent row (attendance per activity and member …) stays as it was.
-- - A committee's finalised year locks that committee's records only (view final_year, which
--   leaves out loading committees), and the append-only rules and finalised results hold for
--   every committee that is not loading (view loading_committee).
--
-- SQLite cannot add such a column in place: every table is copied aside, dropped (children
-- first) and made again (parents first) with the same rows and ids; the indexes are made again
-- after the rows are in and the triggers after every table is full. References are checked at
-- commit, when all rows are back.

PRAGMA defer_foreign_keys = ON;

DROP VIEW member_year_served;
DROP VIEW final_year;

CREATE TEMP TABLE old_committee AS SELECT * FROM committee;
CREATE TEMP TABLE old_sector AS SELECT * FROM sector;
CREATE TEMP TABLE old_sector_alias AS SELECT * FROM sector_alias;
CREATE TEMP TABLE old_org AS SELECT * FROM org;
CREATE TEMP TABLE old_member AS SELECT * FROM member;
CREATE TEMP TABLE old_membership AS SELECT * FROM membership;
CREATE TEMP TABLE old_activity_kind AS SELECT * FROM activity_kind;
CREATE TEMP TABLE old_activity AS SELECT * FROM activity;
CREATE TEMP TABLE old_attendance AS SELECT * FROM attendance;
CREATE TEMP TABLE old_proposal AS SELECT * FROM proposal;
CREATE TEMP TABLE old_proposal_author AS SELECT * FROM proposal_author;
CREATE TEMP TABLE old_opinion AS SELECT * FROM opinion;
CREATE TEMP TABLE old_opinion_author AS SELECT * FROM opinion_author;
CREATE TEMP TABLE old_opinion_adoption AS SELECT * FROM opinion_adoption;
CREATE TEMP TABLE old_opinion_instruction AS SELECT * FROM opinion_instruction;
CREATE TEMP TABLE old_commendation AS SELECT * FROM commendation;
CREATE TEMP TABLE old_adjustment AS SELECT * FROM adjustment;
CREATE TEMP TABLE old_donation AS SELECT * FROM donation;
CREATE TEMP TABLE old_contribution_kind AS SELECT * FROM contribution_kind;
CREATE TEMP TABLE old_contribution AS SELECT * FROM contribution;
CREATE TEMP TABLE old_contribution_author AS SELECT * FROM contribution_author;
CREATE TEMP TABLE old_scheme AS SELECT * FROM scheme;
CREATE TEMP TABLE old_assessment AS SELECT * FROM assessment;
CREATE TEMP TABLE old_assessment_member AS SELECT * FROM assessment_member;
CREATE TEMP TABLE old_audit_log AS SELECT * FROM audit_log;
CREATE TEMP TABLE old_import_run AS SELECT * FROM import_run;
CREATE TEMP TABLE old_import_image AS SELECT * FROM import_image;

-- Children before their parents: no row is ever left pointing at a dropped table's rows while
-- that table still has children to look up. Proposals refer to proposals (merged_into): the
-- index lets dropping them look each one up instead of reading the whole table every time.
CREATE INDEX proposal_merged_into ON proposal (merged_into);
DROP TABLE import_image;
DROP TABLE import_run;
DROP TABLE audit_log;
DROP TABLE assessment_member;
DROP TABLE assessment;
DROP TABLE scheme;
DROP TABLE contribution_author;
DROP TABLE contribution;
DROP TABLE contribution_kind;
DROP TABLE donation;
DROP TABLE adjustment;
DROP TABLE commendation;
DROP TABLE opinion_instruction;
DROP TABLE opinion_adoption;
DROP TABLE opinion_author;
DROP TABLE opinion;
DROP TABLE proposal_author;
DROP TABLE proposal;
DROP TABLE attendance;
DROP TABLE activity;
DROP TABLE activity_kind;
DROP TABLE membership;
DROP TABLE member;
DROP TABLE org;
DROP TABLE sector_alias;
DROP TABLE sector;
DROP TABLE committee;

-- committee: any id; code unique among those set; `loading`, never for committee 1.
CREATE TABLE committee (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL CHECK (length(name) > 0),
    level        TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    term         INTEGER NOT NULL CHECK (term > 0),
    term_start   INTEGER CHECK (term_start IS NULL OR term_start BETWEEN 1949 AND 2200),
    code         TEXT    UNIQUE CHECK (code IS NULL OR code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    parent_code  TEXT    CHECK (parent_code IS NULL OR parent_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    -- 1 while a roll-up replaces this committee's records: its locks are lifted meanwhile.
    loading      INTEGER NOT NULL DEFAULT 0 CHECK (loading IN (0, 1)),
    CHECK (id <> 1 OR loading = 0)
) STRICT;
INSERT INTO committee (id, name, level, term, term_start, code, parent_code)
    SELECT id, name, level, term, term_start, code, parent_code FROM old_committee ORDER BY id;

-- sector: code and name unique per committee.
CREATE TABLE sector (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL CHECK (length(code) > 0),
    name          TEXT    NOT NULL CHECK (length(name) > 0),
    sort_order    INTEGER NOT NULL DEFAULT 0,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (code, committee_id),
    UNIQUE (name, committee_id)
) STRICT;
INSERT INTO sector (id, code, name, sort_order)
    SELECT id, code, name, sort_order FROM old_sector ORDER BY id;

-- sector_alias: an alias unique per committee.
CREATE TABLE sector_alias (
    id            INTEGER PRIMARY KEY,
    alias         TEXT    NOT NULL CHECK (length(alias) BETWEEN 1 AND 50),
    sector_id     INTEGER NOT NULL REFERENCES sector (id) ON DELETE RESTRICT,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (alias, committee_id)
) STRICT;
INSERT INTO sector_alias (id, alias, sector_id)
    SELECT id, alias, sector_id FROM old_sector_alias ORDER BY id;

-- org: code and name unique per committee; one standing committee (常务委员会) per committee.
CREATE TABLE org (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL CHECK (length(code) > 0),
    name          TEXT    NOT NULL CHECK (length(name) > 0),
    kind          TEXT    NOT NULL CHECK (kind IN ('standing', 'special', 'liaison', 'group')),
    note          TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (code, committee_id),
    UNIQUE (name, committee_id)
) STRICT;
INSERT INTO org (id, code, name, kind, note)
    SELECT id, code, name, kind, note FROM old_org ORDER BY id;
CREATE UNIQUE INDEX org_one_standing ON org (kind, committee_id) WHERE kind = 'standing';

-- member: code and ID number unique per committee (the same person has the same ID number in
-- every committee they serve on).
CREATE TABLE member (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL CHECK (length(code) > 0),
    name          TEXT    NOT NULL CHECK (length(name) > 0),
    gender        TEXT    CHECK (gender IN ('male', 'female')),
    ethnicity     TEXT,
    birth_date    TEXT    CHECK (birth_date IS NULL
                              OR birth_date GLOB '[12][0-9][0-9][0-9]'
                              OR birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                              OR (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                  AND date(birth_date) = birth_date)),
    party         TEXT,
    sector_id     INTEGER NOT NULL REFERENCES sector (id) ON DELETE RESTRICT,
    workplace     TEXT,
    title         TEXT,
    phone         TEXT,
    id_number     TEXT    CHECK (id_number IS NULL OR id_number GLOB
                              '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9X]'),
    joined_on     TEXT    CHECK (joined_on IS NULL OR date(joined_on) IS joined_on),
    left_on       TEXT    CHECK (left_on IS NULL OR date(left_on) IS left_on),
    left_reason   TEXT    CHECK (left_reason IN ('resigned', 'disqualified', 'deceased', 'moved', 'term_ended')),
    note          TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    CHECK ((left_on IS NULL) = (left_reason IS NULL)),
    CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on),
    UNIQUE (code, committee_id),
    UNIQUE (id_number, committee_id)
) STRICT;
INSERT INTO member (id, code, name, gender, ethnicity, birth_date, party, sector_id, workplace,
                    title, phone, id_number, joined_on, left_on, left_reason, note)
    SELECT id, code, name, gender, ethnicity, birth_date, party, sector_id, workplace,
           title, phone, id_number, joined_on, left_on, left_reason, note
    FROM old_member ORDER BY id;
CREATE INDEX member_name ON member (name);
CREATE INDEX member_sector ON member (sector_id);

-- membership: only the new column.
CREATE TABLE membership (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    org_id        INTEGER NOT NULL REFERENCES org (id) ON DELETE RESTRICT,
    role          TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('director', 'deputy', 'member', 'secretary')),
    start_on      TEXT    NOT NULL CHECK (date(start_on) IS start_on),
    end_on        TEXT    CHECK (end_on IS NULL OR date(end_on) IS end_on),
    committee_id  INTEGER NOT NULL DEFAULT 1,
    CHECK (end_on IS NULL OR end_on >= start_on)
) STRICT;
INSERT INTO membership (id, member_id, org_id, role, start_on, end_on)
    SELECT id, member_id, org_id, role, start_on, end_on FROM old_membership ORDER BY id;
CREATE INDEX membership_member ON membership (member_id);
CREATE INDEX membership_org ON membership (org_id);
CREATE UNIQUE INDEX membership_open ON membership (member_id, org_id) WHERE end_on IS NULL;

-- activity_kind: code unique per committee.
CREATE TABLE activity_kind (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
    name_zh        TEXT    NOT NULL CHECK (length(name_zh) > 0),
    name_en        TEXT    NOT NULL CHECK (length(name_en) > 0),
    standing_only  INTEGER NOT NULL DEFAULT 0 CHECK (standing_only IN (0, 1)),
    all_due        INTEGER NOT NULL DEFAULT 0 CHECK (all_due IN (0, 1)),
    builtin        INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    committee_id   INTEGER NOT NULL DEFAULT 1,
    UNIQUE (code, committee_id)
) STRICT;
INSERT INTO activity_kind (id, code, name_zh, name_en, standing_only, all_due, builtin)
    SELECT id, code, name_zh, name_en, standing_only, all_due, builtin FROM old_activity_kind ORDER BY id;

-- activity: only the new column.
CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    kind_id       INTEGER NOT NULL REFERENCES activity_kind (id) ON DELETE RESTRICT,
    title         TEXT    NOT NULL CHECK (length(title) > 0),
    start_on      TEXT    NOT NULL CHECK (date(start_on) IS start_on),
    end_on        TEXT    NOT NULL CHECK (date(end_on) IS end_on),
    half_days     INTEGER NOT NULL DEFAULT 1 CHECK (half_days >= 0),
    org_id        INTEGER REFERENCES org (id) ON DELETE RESTRICT,
    location      TEXT,
    note          TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    CHECK (end_on >= start_on)
) STRICT;
INSERT INTO activity (id, kind_id, title, start_on, end_on, half_days, org_id, location, note)
    SELECT id, kind_id, title, start_on, end_on, half_days, org_id, location, note
    FROM old_activity ORDER BY id;
CREATE INDEX activity_start ON activity (start_on);

-- attendance: only the new column (one mark per activity and member, as before).
CREATE TABLE attendance (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER NOT NULL REFERENCES activity (id) ON DELETE RESTRICT,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    status        TEXT    NOT NULL CHECK (status IN ('present', 'excused', 'absent', 'late', 'left_early')),
    half_days     REAL    CHECK (half_days IS NULL OR half_days >= 0),
    role          TEXT    NOT NULL DEFAULT 'participant' CHECK (role IN ('participant', 'speaker', 'lead')),
    leave_reason  TEXT,
    note          TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (activity_id, member_id)
) STRICT;
INSERT INTO attendance (id, activity_id, member_id, status, half_days, role, leave_reason, note)
    SELECT id, activity_id, member_id, status, half_days, role, leave_reason, note
    FROM old_attendance ORDER BY id;
CREATE INDEX attendance_member ON attendance (member_id, activity_id, status, role, half_days, leave_reason);

-- proposal: number unique per committee. Merges are put back once every proposal is in.
CREATE TABLE proposal (
    id             INTEGER PRIMARY KEY,
    number         TEXT,
    title          TEXT    NOT NULL CHECK (length(title) > 0),
    year           INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    session        TEXT,
    submitted_on   TEXT    CHECK (submitted_on IS NULL OR date(submitted_on) IS submitted_on),
    type           TEXT    NOT NULL CHECK (type IN ('individual', 'joint', 'collective')),
    org_id         INTEGER REFERENCES org (id) ON DELETE RESTRICT,
    stage          TEXT    NOT NULL DEFAULT 'submitted'
                           CHECK (stage IN ('submitted', 'filed', 'not_filed', 'merged', 'withdrawn', 'converted')),
    merged_into    INTEGER REFERENCES proposal (id) ON DELETE RESTRICT,
    is_key         INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
    is_excellent   INTEGER NOT NULL DEFAULT 0 CHECK (is_excellent IN (0, 1)),
    forwarded_up   INTEGER NOT NULL DEFAULT 0 CHECK (forwarded_up IN (0, 1)),
    handling_unit  TEXT,
    reply_on       TEXT    CHECK (reply_on IS NULL OR date(reply_on) IS reply_on),
    satisfaction   TEXT    CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
    note           TEXT,
    key_on         TEXT    CHECK (key_on IS NULL OR date(key_on) IS key_on),
    excellent_on   TEXT    CHECK (excellent_on IS NULL OR date(excellent_on) IS excellent_on),
    committee_id   INTEGER NOT NULL DEFAULT 1,
    CHECK ((type = 'collective') = (org_id IS NOT NULL)),
    CHECK (merged_into IS NULL OR stage = 'merged'),
    UNIQUE (number, committee_id)
) STRICT;
INSERT INTO proposal (id, number, title, year, session, submitted_on, type, org_id, stage,
                      is_key, is_excellent, forwarded_up, handling_unit, reply_on,
                      satisfaction, note, key_on, excellent_on)
    SELECT id, number, title, year, session, submitted_on, type, org_id, stage,
           is_key, is_excellent, forwarded_up, handling_unit, reply_on,
           satisfaction, note, key_on, excellent_on
    FROM old_proposal ORDER BY id;
UPDATE proposal SET merged_into = (SELECT o.merged_into FROM old_proposal o WHERE o.id = proposal.id)
    WHERE id IN (SELECT id FROM old_proposal WHERE merged_into IS NOT NULL);
CREATE INDEX proposal_year ON proposal (year);

-- proposal_author: only the new column.
CREATE TABLE proposal_author (
    id            INTEGER PRIMARY KEY,
    proposal_id   INTEGER NOT NULL REFERENCES proposal (id) ON DELETE RESTRICT,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    role          TEXT    NOT NULL CHECK (role IN ('lead', 'cosigner', 'main_member')),
    ord           INTEGER NOT NULL CHECK (ord >= 1),
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (proposal_id, member_id, role)
) STRICT;
INSERT INTO proposal_author (id, proposal_id, member_id, role, ord)
    SELECT id, proposal_id, member_id, role, ord FROM old_proposal_author ORDER BY id;
CREATE UNIQUE INDEX proposal_one_lead ON proposal_author (proposal_id) WHERE role = 'lead';
CREATE INDEX proposal_author_member ON proposal_author (member_id);

-- opinion: number unique per committee.
CREATE TABLE opinion (
    id             INTEGER PRIMARY KEY,
    number         TEXT,
    title          TEXT    NOT NULL CHECK (length(title) > 0),
    submitted_on   TEXT    NOT NULL CHECK (date(submitted_on) IS submitted_on),
    from_proposal  INTEGER UNIQUE REFERENCES proposal (id) ON DELETE RESTRICT,
    note           TEXT,
    committee_id   INTEGER NOT NULL DEFAULT 1,
    UNIQUE (number, committee_id)
) STRICT;
INSERT INTO opinion (id, number, title, submitted_on, from_proposal, note)
    SELECT id, number, title, submitted_on, from_proposal, note FROM old_opinion ORDER BY id;
CREATE INDEX opinion_submitted ON opinion (submitted_on);

-- opinion_author: only the new column.
CREATE TABLE opinion_author (
    id            INTEGER PRIMARY KEY,
    opinion_id    INTEGER NOT NULL REFERENCES opinion (id) ON DELETE RESTRICT,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    role          TEXT    NOT NULL CHECK (role IN ('lead', 'co_author')),
    ord           INTEGER NOT NULL CHECK (ord >= 1),
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (opinion_id, member_id)
) STRICT;
INSERT INTO opinion_author (id, opinion_id, member_id, role, ord)
    SELECT id, opinion_id, member_id, role, ord FROM old_opinion_author ORDER BY id;
CREATE UNIQUE INDEX opinion_one_lead ON opinion_author (opinion_id) WHERE role = 'lead';
CREATE INDEX opinion_author_member ON opinion_author (member_id);

-- opinion_adoption: only the new column.
CREATE TABLE opinion_adoption (
    id            INTEGER PRIMARY KEY,
    opinion_id    INTEGER NOT NULL REFERENCES opinion (id) ON DELETE RESTRICT,
    level         TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    adopted_on    TEXT    NOT NULL CHECK (date(adopted_on) IS adopted_on),
    note          TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (opinion_id, level)
) STRICT;
INSERT INTO opinion_adoption (id, opinion_id, level, adopted_on, note)
    SELECT id, opinion_id, level, adopted_on, note FROM old_opinion_adoption ORDER BY id;

-- opinion_instruction: only the new column.
CREATE TABLE opinion_instruction (
    id             INTEGER PRIMARY KEY,
    opinion_id     INTEGER NOT NULL REFERENCES opinion (id) ON DELETE RESTRICT,
    level          TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    instructed_on  TEXT    NOT NULL CHECK (date(instructed_on) IS instructed_on),
    leader         TEXT,
    note           TEXT,
    committee_id   INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO opinion_instruction (id, opinion_id, level, instructed_on, leader, note)
    SELECT id, opinion_id, level, instructed_on, leader, note FROM old_opinion_instruction ORDER BY id;

-- commendation: only the new column.
CREATE TABLE commendation (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    level         TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    awarded_on    TEXT    NOT NULL CHECK (date(awarded_on) IS awarded_on),
    reason        TEXT    NOT NULL CHECK (length(reason) > 0),
    committee_id  INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO commendation (id, member_id, level, awarded_on, reason)
    SELECT id, member_id, level, awarded_on, reason FROM old_commendation ORDER BY id;

-- adjustment: only the new column (points an exact decimal or fraction as text, as before).
CREATE TABLE adjustment (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    year          INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    points        TEXT    NOT NULL CHECK (points GLOB '[0-9-]*' AND points NOT GLOB '*[^0-9./-]*'),
    reason        TEXT    NOT NULL CHECK (length(reason) > 0),
    committee_id  INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO adjustment (id, member_id, year, points, reason)
    SELECT id, member_id, year, points, reason FROM old_adjustment ORDER BY id;

-- donation: only the new column (amounts in whole fen).
CREATE TABLE donation (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    given_on      TEXT    NOT NULL CHECK (date(given_on) IS given_on),
    kind          TEXT    NOT NULL CHECK (kind IN ('money', 'goods')),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
    purpose       TEXT    NOT NULL CHECK (length(purpose) > 0),
    activity_id   INTEGER REFERENCES activity (id) ON DELETE RESTRICT,
    note          TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO donation (id, member_id, given_on, kind, amount_fen, purpose, activity_id, note)
    SELECT id, member_id, given_on, kind, amount_fen, purpose, activity_id, note FROM old_donation ORDER BY id;
CREATE INDEX donation_member ON donation (member_id);
CREATE INDEX donation_given_on ON donation (given_on);

-- contribution_kind: code and Chinese name unique per committee.
CREATE TABLE contribution_kind (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*' AND length(code) <= 40),
    name_zh       TEXT    NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 50),
    name_en       TEXT    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 50),
    committee_id  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (code, committee_id),
    UNIQUE (name_zh, committee_id)
) STRICT;
INSERT INTO contribution_kind (id, code, name_zh, name_en)
    SELECT id, code, name_zh, name_en FROM old_contribution_kind ORDER BY id;

-- contribution: only the new column.
CREATE TABLE contribution (
    id            INTEGER PRIMARY KEY,
    kind_id       INTEGER NOT NULL REFERENCES contribution_kind (id) ON DELETE RESTRICT,
    done_on       TEXT    NOT NULL CHECK (date(done_on) IS done_on),
    title         TEXT    NOT NULL CHECK (length(title) > 0),
    level         TEXT    CHECK (level IS NULL OR level IN ('county', 'city', 'province', 'national')),
    outlet        TEXT,
    note          TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO contribution (id, kind_id, done_on, title, level, outlet, note)
    SELECT id, kind_id, done_on, title, level, outlet, note FROM old_contribution ORDER BY id;
CREATE INDEX contribution_done_on ON contribution (done_on);

-- contribution_author: only the new column.
CREATE TABLE contribution_author (
    id               INTEGER PRIMARY KEY,
    contribution_id  INTEGER NOT NULL REFERENCES contribution (id) ON DELETE RESTRICT,
    member_id        INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    role             TEXT    NOT NULL CHECK (role IN ('lead', 'co_author')),
    ord              INTEGER NOT NULL CHECK (ord >= 1),
    committee_id     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (contribution_id, member_id)
) STRICT;
INSERT INTO contribution_author (id, contribution_id, member_id, role, ord)
    SELECT id, contribution_id, member_id, role, ord FROM old_contribution_author ORDER BY id;
CREATE UNIQUE INDEX contribution_one_lead ON contribution_author (contribution_id) WHERE role = 'lead';
CREATE INDEX contribution_author_member ON contribution_author (member_id);

-- scheme: a committee's schemes by year.
CREATE TABLE scheme (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    name          TEXT    NOT NULL CHECK (length(name) > 0),
    source        TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
    set_at        TEXT    NOT NULL,
    committee_id  INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO scheme (id, year, name, source, text, sha256, set_at)
    SELECT id, year, name, source, text, sha256, set_at FROM old_scheme ORDER BY id;
CREATE INDEX scheme_year ON scheme (year, committee_id);

-- assessment: at most one current (draft or final) assessment per year and committee.
CREATE TABLE assessment (
    id                INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'final', 'superseded')),
    scheme_id         INTEGER NOT NULL REFERENCES scheme (id) ON DELETE RESTRICT,
    rules_text        TEXT    NOT NULL,
    rules_sha256      TEXT    NOT NULL,
    computed_at       TEXT    NOT NULL,
    finalized_at      TEXT,
    superseded_at     TEXT,
    supersede_reason  TEXT,
    result            TEXT    NOT NULL CHECK (json_valid(result)),
    inputs_sha256     TEXT    CHECK (inputs_sha256 IS NULL OR length(inputs_sha256) = 64),
    committee_id      INTEGER NOT NULL DEFAULT 1,
    CHECK (status = 'draft' OR finalized_at IS NOT NULL),
    CHECK (status <> 'superseded' OR (superseded_at IS NOT NULL AND length(supersede_reason) > 0))
) STRICT;
INSERT INTO assessment (id, year, status, scheme_id, rules_text, rules_sha256, computed_at,
                        finalized_at, superseded_at, supersede_reason, result, inputs_sha256)
    SELECT id, year, status, scheme_id, rules_text, rules_sha256, computed_at,
           finalized_at, superseded_at, supersede_reason, result, inputs_sha256
    FROM old_assessment ORDER BY id;
CREATE UNIQUE INDEX assessment_current ON assessment (year, committee_id) WHERE status IN ('draft', 'final');

-- assessment_member: only the new column (one result per assessment and member, as before).
CREATE TABLE assessment_member (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id) ON DELETE RESTRICT,
    member_id      INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    assessed       INTEGER NOT NULL CHECK (assessed IN (0, 1)),
    rank           INTEGER CHECK (rank IS NULL OR rank >= 1),
    total          TEXT    NOT NULL,
    grade          TEXT,
    flags          TEXT    NOT NULL CHECK (json_valid(flags)),
    result         TEXT    NOT NULL CHECK (json_valid(result)),
    ord            INTEGER CHECK (ord IS NULL OR ord >= 1),
    committee_id   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (assessment_id, member_id)
) STRICT;
INSERT INTO assessment_member (assessment_id, member_id, assessed, rank, total, grade, flags, result, ord)
    SELECT assessment_id, member_id, assessed, rank, total, grade, flags, result, ord
    FROM old_assessment_member ORDER BY assessment_id, member_id;
CREATE UNIQUE INDEX assessment_member_order ON assessment_member (assessment_id, ord) WHERE ord IS NOT NULL;

-- audit_log: only the new column; the entries and their hash chain as they were.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL,
    operator      TEXT    NOT NULL,
    command       TEXT    NOT NULL,
    table_name    TEXT    NOT NULL,
    row_id        INTEGER,
    action        TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before        TEXT    CHECK (before IS NULL OR json_valid(before)),
    after         TEXT    CHECK (after IS NULL OR json_valid(after)),
    hash          TEXT    CHECK (hash IS NULL OR length(hash) = 64),
    committee_id  INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO audit_log (id, at, operator, command, table_name, row_id, action, before, after, hash)
    SELECT id, at, operator, command, table_name, row_id, action, before, after, hash
    FROM old_audit_log ORDER BY id;
CREATE INDEX audit_log_table ON audit_log (table_name, row_id);

-- import_run: only the new column.
CREATE TABLE import_run (
    id            INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL,
    operator      TEXT    NOT NULL,
    -- The command line, its phone and ID numbers masked, as in the audit log.
    command       TEXT    NOT NULL,
    file          TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('members', 'activities', 'attendance', 'proposals', 'opinions', 'donations', 'contributions')),
    added         INTEGER NOT NULL DEFAULT 0 CHECK (added >= 0),
    changed       INTEGER NOT NULL DEFAULT 0 CHECK (changed >= 0),
    removed       INTEGER NOT NULL DEFAULT 0 CHECK (removed >= 0),
    -- The last audit entry the import wrote: later entries are later changes.
    last_log_id   INTEGER,
    undone_at     TEXT,
    undone_by     TEXT,
    committee_id  INTEGER NOT NULL DEFAULT 1,
    CHECK ((undone_at IS NULL) = (undone_by IS NULL))
) STRICT;
INSERT INTO import_run (id, at, operator, command, file, kind, added, changed, removed,
                        last_log_id, undone_at, undone_by)
    SELECT id, at, operator, command, file, kind, added, changed, removed,
           last_log_id, undone_at, undone_by
    FROM old_import_run ORDER BY id;

-- import_image: only the new column.
CREATE TABLE import_image (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES import_run (id) ON DELETE RESTRICT,
    table_name    TEXT    NOT NULL,
    row_id        INTEGER NOT NULL,
    last_id       INTEGER,
    action        TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'bulk_insert')),
    before        TEXT    CHECK (before IS NULL OR json_valid(before)),
    after         TEXT    CHECK (after IS NULL OR json_valid(after)),
    committee_id  INTEGER NOT NULL DEFAULT 1,
    CHECK ((action = 'bulk_insert') = (last_id IS NOT NULL)),
    CHECK (last_id IS NULL OR last_id >= row_id),
    CHECK ((before IS NULL) = (action IN ('insert', 'bulk_insert'))),
    CHECK ((after IS NULL) = (action = 'delete'))
) STRICT;
INSERT INTO import_image (id, import_id, table_name, row_id, last_id, action, before, after)
    SELECT id, import_id, table_name, row_id, last_id, action, before, after
    FROM old_import_image ORDER BY id;
CREATE INDEX import_image_import ON import_image (import_id);

DROP TABLE old_committee;
DROP TABLE old_sector;
DROP TABLE old_sector_alias;
DROP TABLE old_org;
DROP TABLE old_member;
DROP TABLE old_membership;
DROP TABLE old_activity_kind;
DROP TABLE old_activity;
DROP TABLE old_attendance;
DROP TABLE old_proposal;
DROP TABLE old_proposal_author;
DROP TABLE old_opinion;
DROP TABLE old_opinion_author;
DROP TABLE old_opinion_adoption;
DROP TABLE old_opinion_instruction;
DROP TABLE old_commendation;
DROP TABLE old_adjustment;
DROP TABLE old_donation;
DROP TABLE old_contribution_kind;
DROP TABLE old_contribution;
DROP TABLE old_contribution_author;
DROP TABLE old_scheme;
DROP TABLE old_assessment;
DROP TABLE old_assessment_member;
DROP TABLE old_audit_log;
DROP TABLE old_import_run;
DROP TABLE old_import_image;

-- The committees whose records are being replaced (a roll-up's): no lock applies to them.
-- The triggers look a committee up in it by id (NOT EXISTS … WHERE l.id = …): a row-by-row
-- lookup, where NOT IN would build the list again for every row written.
CREATE VIEW loading_committee AS SELECT id FROM committee WHERE loading = 1;

-- The finalised years by committee, those of loading committees left out: the year locks
-- below test `(NEW.committee_id, year) IN final_year`.
CREATE VIEW final_year AS
SELECT a.committee_id AS committee_id, a.year AS year
FROM assessment a JOIN committee c ON c.id = a.committee_id
WHERE a.status = 'final' AND c.loading = 0;

-- Whether member M served during a year finalised for their committee, for the standing-period
-- triggers.
CREATE VIEW member_year_served AS
SELECT m.id AS member_id, f.year AS year
FROM member m JOIN final_year f ON f.committee_id = m.committee_id
WHERE (m.joined_on IS NULL OR m.joined_on <= printf('%04d-12-31', f.year))
  AND (m.left_on IS NULL OR m.left_on > printf('%04d-01-01', f.year));

-- The triggers, as before but for one committee: a finalised year locks the records of its
-- committee, and nothing locks a loading committee's.

-- committee: the term start under that committee's finalised years.
CREATE TRIGGER committee_final_update BEFORE UPDATE ON committee
WHEN NEW.term_start IS NOT OLD.term_start
 AND EXISTS (SELECT 1 FROM final_year a WHERE a.committee_id = OLD.id
     AND a.year >= min(coalesce(OLD.term_start, 9999), coalesce(NEW.term_start, 9999)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- committee: never deleted while any of its records remain.
CREATE TRIGGER committee_in_use BEFORE DELETE ON committee
WHEN EXISTS (SELECT 1 FROM sector WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM sector_alias WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM org WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM member WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM membership WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM activity_kind WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM activity WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM attendance WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM proposal WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM proposal_author WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM opinion WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM opinion_author WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM opinion_adoption WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM opinion_instruction WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM commendation WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM adjustment WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM donation WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM contribution_kind WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM contribution WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM contribution_author WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM scheme WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM assessment WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM assessment_member WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM audit_log WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM import_run WHERE committee_id = OLD.id)
  OR EXISTS (SELECT 1 FROM import_image WHERE committee_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: the committee still has records');
END;

-- member
CREATE TRIGGER member_final_insert BEFORE INSERT ON member
WHEN EXISTS (SELECT 1 FROM final_year a WHERE a.committee_id = NEW.committee_id
    AND (NEW.joined_on IS NULL OR NEW.joined_on <= printf('%04d-12-31', a.year))
    AND (NEW.left_on IS NULL OR NEW.left_on > printf('%04d-01-01', a.year)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER member_final_update BEFORE UPDATE ON member
WHEN EXISTS (SELECT 1 FROM final_year a WHERE a.committee_id IN (OLD.committee_id, NEW.committee_id)
    AND (((OLD.joined_on IS NULL OR OLD.joined_on <= printf('%04d-12-31', a.year))
          AND (OLD.left_on IS NULL OR OLD.left_on > printf('%04d-01-01', a.year)))
      OR ((NEW.joined_on IS NULL OR NEW.joined_on <= printf('%04d-12-31', a.year))
          AND (NEW.left_on IS NULL OR NEW.left_on > printf('%04d-01-01', a.year))))
    AND (NEW.code IS NOT OLD.code OR NEW.sector_id IS NOT OLD.sector_id
      OR NEW.joined_on IS NOT OLD.joined_on OR NEW.committee_id IS NOT OLD.committee_id
      OR ((NEW.left_on IS NOT OLD.left_on OR NEW.left_reason IS NOT OLD.left_reason)
          AND min(coalesce(OLD.left_on, '9999-12-31'), coalesce(NEW.left_on, '9999-12-31'))
              <= printf('%04d-12-31', a.year))))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER member_final_delete BEFORE DELETE ON member
WHEN EXISTS (SELECT 1 FROM final_year a WHERE a.committee_id = OLD.committee_id
    AND (OLD.joined_on IS NULL OR OLD.joined_on <= printf('%04d-12-31', a.year))
    AND (OLD.left_on IS NULL OR OLD.left_on > printf('%04d-01-01', a.year)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- membership: standing committee (常委) periods.
CREATE TRIGGER standing_final_insert BEFORE INSERT ON membership
WHEN (SELECT kind FROM org WHERE id = NEW.org_id) = 'standing'
 AND EXISTS (SELECT 1 FROM member_year_served s WHERE s.member_id = NEW.member_id
     AND NEW.start_on <= printf('%04d-12-31', s.year))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER standing_final_update BEFORE UPDATE ON membership
WHEN 'standing' IN ((SELECT kind FROM org WHERE id = OLD.org_id), (SELECT kind FROM org WHERE id = NEW.org_id))
 AND EXISTS (SELECT 1 FROM member_year_served s WHERE s.member_id IN (OLD.member_id, NEW.member_id)
     AND min(CASE WHEN NEW.start_on IS NOT OLD.start_on OR NEW.org_id IS NOT OLD.org_id
                    OR NEW.member_id IS NOT OLD.member_id
                  THEN min(OLD.start_on, NEW.start_on) ELSE '9999-12-31' END,
             CASE WHEN NEW.end_on IS NOT OLD.end_on
                  THEN min(coalesce(OLD.end_on, '9999-12-31'), coalesce(NEW.end_on, '9999-12-31'))
                  ELSE '9999-12-31' END)
         <= printf('%04d-12-31', s.year))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER standing_final_delete BEFORE DELETE ON membership
WHEN (SELECT kind FROM org WHERE id = OLD.org_id) = 'standing'
 AND EXISTS (SELECT 1 FROM member_year_served s WHERE s.member_id = OLD.member_id
     AND OLD.start_on <= printf('%04d-12-31', s.year))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- activity_kind
CREATE TRIGGER activity_kind_final_update BEFORE UPDATE ON activity_kind
WHEN (NEW.code IS NOT OLD.code OR NEW.standing_only IS NOT OLD.standing_only OR NEW.all_due IS NOT OLD.all_due)
 AND EXISTS (SELECT 1 FROM activity x JOIN final_year a ON a.committee_id = x.committee_id
     WHERE x.kind_id = OLD.id AND x.start_on <= printf('%04d-12-31', a.year))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- activity
CREATE TRIGGER activity_final_insert BEFORE INSERT ON activity
WHEN (NEW.committee_id, CAST(substr(NEW.start_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER activity_final_update BEFORE UPDATE ON activity
WHEN (OLD.committee_id, CAST(substr(OLD.start_on, 1, 4) AS INTEGER)) IN final_year
  OR (NEW.committee_id, CAST(substr(NEW.start_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER activity_final_delete BEFORE DELETE ON activity
WHEN (OLD.committee_id, CAST(substr(OLD.start_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- attendance: the year of its activity.
CREATE TRIGGER attendance_final_insert BEFORE INSERT ON attendance
WHEN (NEW.committee_id, (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = NEW.activity_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER attendance_final_update BEFORE UPDATE ON attendance
WHEN (OLD.committee_id, (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = OLD.activity_id)) IN final_year
  OR (NEW.committee_id, (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = NEW.activity_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER attendance_final_delete BEFORE DELETE ON attendance
WHEN (OLD.committee_id, (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = OLD.activity_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- proposal: everything but its key and excellent marks locked by its year; those by the year
-- they are dated in.
CREATE TRIGGER proposal_final_insert BEFORE INSERT ON proposal
WHEN (NEW.committee_id, NEW.year) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_final_update BEFORE UPDATE ON proposal
WHEN (((OLD.committee_id, OLD.year) IN final_year OR (NEW.committee_id, NEW.year) IN final_year)
      AND (NEW.number IS NOT OLD.number OR NEW.title IS NOT OLD.title OR NEW.year IS NOT OLD.year
        OR NEW.session IS NOT OLD.session OR NEW.submitted_on IS NOT OLD.submitted_on
        OR NEW.type IS NOT OLD.type OR NEW.org_id IS NOT OLD.org_id OR NEW.stage IS NOT OLD.stage
        OR NEW.merged_into IS NOT OLD.merged_into OR NEW.forwarded_up IS NOT OLD.forwarded_up
        OR NEW.handling_unit IS NOT OLD.handling_unit OR NEW.reply_on IS NOT OLD.reply_on
        OR NEW.satisfaction IS NOT OLD.satisfaction OR NEW.note IS NOT OLD.note
        OR NEW.committee_id IS NOT OLD.committee_id))
  OR ((NEW.is_key IS NOT OLD.is_key OR NEW.key_on IS NOT OLD.key_on OR NEW.committee_id IS NOT OLD.committee_id)
      AND ((OLD.is_key = 1 AND (OLD.committee_id, coalesce(CAST(substr(OLD.key_on, 1, 4) AS INTEGER), OLD.year)) IN final_year)
        OR (NEW.is_key = 1 AND (NEW.committee_id, coalesce(CAST(substr(NEW.key_on, 1, 4) AS INTEGER), NEW.year)) IN final_year)))
  OR ((NEW.is_excellent IS NOT OLD.is_excellent OR NEW.excellent_on IS NOT OLD.excellent_on OR NEW.committee_id IS NOT OLD.committee_id)
      AND ((OLD.is_excellent = 1 AND (OLD.committee_id, coalesce(CAST(substr(OLD.excellent_on, 1, 4) AS INTEGER), OLD.year)) IN final_year)
        OR (NEW.is_excellent = 1 AND (NEW.committee_id, coalesce(CAST(substr(NEW.excellent_on, 1, 4) AS INTEGER), NEW.year)) IN final_year)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_final_delete BEFORE DELETE ON proposal
WHEN (OLD.committee_id, OLD.year) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- proposal_author: the year of its proposal.
CREATE TRIGGER proposal_author_final_insert BEFORE INSERT ON proposal_author
WHEN (NEW.committee_id, (SELECT year FROM proposal WHERE id = NEW.proposal_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_author_final_update BEFORE UPDATE ON proposal_author
WHEN (OLD.committee_id, (SELECT year FROM proposal WHERE id = OLD.proposal_id)) IN final_year
  OR (NEW.committee_id, (SELECT year FROM proposal WHERE id = NEW.proposal_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_author_final_delete BEFORE DELETE ON proposal_author
WHEN (OLD.committee_id, (SELECT year FROM proposal WHERE id = OLD.proposal_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- opinion: the year it was submitted.
CREATE TRIGGER opinion_final_insert BEFORE INSERT ON opinion
WHEN (NEW.committee_id, CAST(substr(NEW.submitted_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_final_update BEFORE UPDATE ON opinion
WHEN (OLD.committee_id, CAST(substr(OLD.submitted_on, 1, 4) AS INTEGER)) IN final_year
  OR (NEW.committee_id, CAST(substr(NEW.submitted_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_final_delete BEFORE DELETE ON opinion
WHEN (OLD.committee_id, CAST(substr(OLD.submitted_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- opinion_author: the year of its opinion report.
CREATE TRIGGER opinion_author_final_insert BEFORE INSERT ON opinion_author
WHEN (NEW.committee_id, (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_author_final_update BEFORE UPDATE ON opinion_author
WHEN (OLD.committee_id, (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id)) IN final_year
  OR (NEW.committee_id, (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_author_final_delete BEFORE DELETE ON opinion_author
WHEN (OLD.committee_id, (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- opinion_adoption and opinion_instruction: the year of the event.
CREATE TRIGGER opinion_adoption_final_insert BEFORE INSERT ON opinion_adoption
WHEN (NEW.committee_id, CAST(substr(NEW.adopted_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_update BEFORE UPDATE ON opinion_adoption
WHEN (OLD.committee_id, CAST(substr(OLD.adopted_on, 1, 4) AS INTEGER)) IN final_year
  OR (NEW.committee_id, CAST(substr(NEW.adopted_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_delete BEFORE DELETE ON opinion_adoption
WHEN (OLD.committee_id, CAST(substr(OLD.adopted_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_insert BEFORE INSERT ON opinion_instruction
WHEN (NEW.committee_id, CAST(substr(NEW.instructed_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_update BEFORE UPDATE ON opinion_instruction
WHEN (OLD.committee_id, CAST(substr(OLD.instructed_on, 1, 4) AS INTEGER)) IN final_year
  OR (NEW.committee_id, CAST(substr(NEW.instructed_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_delete BEFORE DELETE ON opinion_instruction
WHEN (OLD.committee_id, CAST(substr(OLD.instructed_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- commendation: the year it was awarded.
CREATE TRIGGER commendation_final_insert BEFORE INSERT ON commendation
WHEN (NEW.committee_id, CAST(substr(NEW.awarded_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER commendation_final_update BEFORE UPDATE ON commendation
WHEN (OLD.committee_id, CAST(substr(OLD.awarded_on, 1, 4) AS INTEGER)) IN final_year
  OR (NEW.committee_id, CAST(substr(NEW.awarded_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER commendation_final_delete BEFORE DELETE ON commendation
WHEN (OLD.committee_id, CAST(substr(OLD.awarded_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- adjustment: its year.
CREATE TRIGGER adjustment_final_insert BEFORE INSERT ON adjustment
WHEN (NEW.committee_id, NEW.year) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER adjustment_final_update BEFORE UPDATE ON adjustment
WHEN (OLD.committee_id, OLD.year) IN final_year OR (NEW.committee_id, NEW.year) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER adjustment_final_delete BEFORE DELETE ON adjustment
WHEN (OLD.committee_id, OLD.year) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- donation: the year it was given.
CREATE TRIGGER donation_final_insert BEFORE INSERT ON donation
WHEN (NEW.committee_id, CAST(substr(NEW.given_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER donation_final_update BEFORE UPDATE ON donation
WHEN (OLD.committee_id, CAST(substr(OLD.given_on, 1, 4) AS INTEGER)) IN final_year
  OR (NEW.committee_id, CAST(substr(NEW.given_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER donation_final_delete BEFORE DELETE ON donation
WHEN (OLD.committee_id, CAST(substr(OLD.given_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- contribution_kind: a kind's code under that committee's finalised years' contributions.
CREATE TRIGGER contribution_kind_final_update BEFORE UPDATE OF code ON contribution_kind
WHEN NEW.code IS NOT OLD.code AND EXISTS (SELECT 1 FROM contribution c
             WHERE c.kind_id = OLD.id
               AND (c.committee_id, CAST(substr(c.done_on, 1, 4) AS INTEGER)) IN final_year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- contribution: the year it was done.
CREATE TRIGGER contribution_final_insert BEFORE INSERT ON contribution
WHEN (NEW.committee_id, CAST(substr(NEW.done_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_final_update BEFORE UPDATE ON contribution
WHEN (OLD.committee_id, CAST(substr(OLD.done_on, 1, 4) AS INTEGER)) IN final_year
  OR (NEW.committee_id, CAST(substr(NEW.done_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_final_delete BEFORE DELETE ON contribution
WHEN (OLD.committee_id, CAST(substr(OLD.done_on, 1, 4) AS INTEGER)) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- contribution_author: the year of its contribution.
CREATE TRIGGER contribution_author_final_insert BEFORE INSERT ON contribution_author
WHEN EXISTS (SELECT 1 FROM contribution c WHERE c.id = NEW.contribution_id
             AND (NEW.committee_id, CAST(substr(c.done_on, 1, 4) AS INTEGER)) IN final_year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_author_final_update BEFORE UPDATE ON contribution_author
WHEN EXISTS (SELECT 1 FROM contribution c WHERE c.id IN (OLD.contribution_id, NEW.contribution_id)
             AND ((OLD.committee_id, CAST(substr(c.done_on, 1, 4) AS INTEGER)) IN final_year
               OR (NEW.committee_id, CAST(substr(c.done_on, 1, 4) AS INTEGER)) IN final_year))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_author_final_delete BEFORE DELETE ON contribution_author
WHEN EXISTS (SELECT 1 FROM contribution c WHERE c.id = OLD.contribution_id
             AND (OLD.committee_id, CAST(substr(c.done_on, 1, 4) AS INTEGER)) IN final_year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- scheme: append-only, and none set for a finalised year.
CREATE TRIGGER scheme_no_update BEFORE UPDATE ON scheme
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: schemes are append-only');
END;

CREATE TRIGGER scheme_no_delete BEFORE DELETE ON scheme
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: schemes are append-only');
END;

CREATE TRIGGER scheme_final_year BEFORE INSERT ON scheme
WHEN (NEW.committee_id, NEW.year) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- assessment and assessment_member: a final result never changes; a superseded one is kept.
CREATE TRIGGER assessment_final_update BEFORE UPDATE ON assessment
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
 AND (OLD.status = 'superseded'
  OR (OLD.status = 'final' AND (NEW.status <> 'superseded'
      OR NEW.year IS NOT OLD.year OR NEW.scheme_id IS NOT OLD.scheme_id
      OR NEW.rules_text IS NOT OLD.rules_text OR NEW.rules_sha256 IS NOT OLD.rules_sha256
      OR NEW.computed_at IS NOT OLD.computed_at OR NEW.finalized_at IS NOT OLD.finalized_at
      OR NEW.result IS NOT OLD.result OR NEW.inputs_sha256 IS NOT OLD.inputs_sha256
      OR NEW.committee_id IS NOT OLD.committee_id)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_final_delete BEFORE DELETE ON assessment
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id) AND OLD.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_member_final_insert BEFORE INSERT ON assessment_member
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = NEW.committee_id)
 AND (SELECT status FROM assessment WHERE id = NEW.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_member_final_update BEFORE UPDATE ON assessment_member
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
 AND (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_member_final_delete BEFORE DELETE ON assessment_member
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
 AND (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

-- audit_log: append-only, whoever edits the file.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- import_run and import_image: imports are kept; their images only go with an undo.
CREATE TRIGGER import_run_no_delete BEFORE DELETE ON import_run
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: imports are kept');
END;

CREATE TRIGGER import_run_update BEFORE UPDATE ON import_run
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
 AND (OLD.undone_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.operator IS NOT OLD.operator OR NEW.command IS NOT OLD.command
  OR NEW.file IS NOT OLD.file OR NEW.kind IS NOT OLD.kind OR NEW.committee_id IS NOT OLD.committee_id)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: imports are kept');
END;

CREATE TRIGGER import_image_insert BEFORE INSERT ON import_image
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = NEW.committee_id)
 AND (SELECT undone_at FROM import_run WHERE id = NEW.import_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: import images are append-only');
END;

CREATE TRIGGER import_image_no_update BEFORE UPDATE ON import_image
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: import images are append-only');
END;

CREATE TRIGGER import_image_delete BEFORE DELETE ON import_image
WHEN NOT EXISTS (SELECT 1 FROM loading_committee l WHERE l.id = OLD.committee_id)
 AND (SELECT undone_at FROM import_run WHERE id = OLD.import_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: import images are append-only');
END;
