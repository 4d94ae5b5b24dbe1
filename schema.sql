-- lvzhi schema, version 1. The one source of the schema: migration 1 applies this file as it is.
-- Later changes go into new, append-only migrations under migrations/; this file is never edited
-- once shipped.
--
-- Dates are TEXT 'YYYY-MM-DD'. Birth dates keep the precision given: 'YYYY', 'YYYY-MM' or
-- 'YYYY-MM-DD'. Enumerations are stored as lower-case English codes; the program shows them in
-- Chinese or English.

CREATE TABLE committee (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL CHECK (length(name) > 0),
    level       TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    term        INTEGER NOT NULL CHECK (term > 0),
    term_start  INTEGER CHECK (term_start IS NULL OR term_start BETWEEN 1949 AND 2200)
) STRICT;

CREATE TABLE sector (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE CHECK (length(code) > 0),
    name        TEXT    NOT NULL UNIQUE CHECK (length(name) > 0),
    sort_order  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE org (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE CHECK (length(code) > 0),
    name        TEXT    NOT NULL UNIQUE CHECK (length(name) > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('standing', 'special', 'liaison', 'group')),
    note        TEXT
) STRICT;

-- At most one standing committee (常务委员会): its memberships are the dated 常委 periods.
CREATE UNIQUE INDEX org_one_standing ON org (kind) WHERE kind = 'standing';

CREATE TABLE member (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE CHECK (length(code) > 0),
    name        TEXT    NOT NULL CHECK (length(name) > 0),
    gender      TEXT    CHECK (gender IN ('male', 'female')),
    ethnicity   TEXT,
    birth_date  TEXT    CHECK (birth_date IS NULL
                            OR birth_date GLOB '[12][0-9][0-9][0-9]'
                            OR birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                            OR (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                AND date(birth_date) = birth_date)),
    party       TEXT,
    sector_id   INTEGER NOT NULL REFERENCES sector (id) ON DELETE RESTRICT,
    workplace   TEXT,
    title       TEXT,
    phone       TEXT,
    id_number   TEXT    UNIQUE CHECK (id_number IS NULL OR id_number GLOB
                            '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9X]'),
    joined_on   TEXT    CHECK (joined_on IS NULL OR date(joined_on) IS joined_on),
    left_on     TEXT    CHECK (left_on IS NULL OR date(left_on) IS left_on),
    left_reason TEXT    CHECK (left_reason IN ('resigned', 'disqualified', 'deceased', 'moved', 'term_ended')),
    note        TEXT,
    CHECK ((left_on IS NULL) = (left_reason IS NULL)),
    CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on)
) STRICT;

CREATE INDEX member_name ON member (name);
CREATE INDEX member_sector ON member (sector_id);

CREATE TABLE membership (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    org_id      INTEGER NOT NULL REFERENCES org (id) ON DELETE RESTRICT,
    role        TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('director', 'deputy', 'member', 'secretary')),
    start_on    TEXT    NOT NULL CHECK (date(start_on) IS start_on),
    end_on      TEXT    CHECK (end_on IS NULL OR date(end_on) IS end_on),
    CHECK (end_on IS NULL OR end_on >= start_on)
) STRICT;

CREATE INDEX membership_member ON membership (member_id);
CREATE INDEX membership_org ON membership (org_id);
-- One open membership of a member in an organisation at a time.
CREATE UNIQUE INDEX membership_open ON membership (member_id, org_id) WHERE end_on IS NULL;

CREATE TABLE activity_kind (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
    name_zh        TEXT    NOT NULL CHECK (length(name_zh) > 0),
    name_en        TEXT    NOT NULL CHECK (length(name_en) > 0),
    standing_only  INTEGER NOT NULL DEFAULT 0 CHECK (standing_only IN (0, 1)),
    -- Every member (every standing member, for standing_only kinds) is due at such an activity;
    -- at other kinds only the members recorded for it (invited) are.
    all_due        INTEGER NOT NULL DEFAULT 0 CHECK (all_due IN (0, 1)),
    builtin        INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
) STRICT;

CREATE TABLE activity (
    id          INTEGER PRIMARY KEY,
    kind_id     INTEGER NOT NULL REFERENCES activity_kind (id) ON DELETE RESTRICT,
    title       TEXT    NOT NULL CHECK (length(title) > 0),
    start_on    TEXT    NOT NULL CHECK (date(start_on) IS start_on),
    end_on      TEXT    NOT NULL CHECK (date(end_on) IS end_on),
    half_days   INTEGER NOT NULL DEFAULT 1 CHECK (half_days >= 0),
    org_id      INTEGER REFERENCES org (id) ON DELETE RESTRICT,
    location    TEXT,
    note        TEXT,
    CHECK (end_on >= start_on)
) STRICT;

CREATE INDEX activity_start ON activity (start_on);

CREATE TABLE attendance (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER NOT NULL REFERENCES activity (id) ON DELETE RESTRICT,
    member_id     INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    status        TEXT    NOT NULL CHECK (status IN ('present', 'excused', 'absent', 'late', 'left_early')),
    half_days     REAL    CHECK (half_days IS NULL OR half_days >= 0),
    role          TEXT    NOT NULL DEFAULT 'participant' CHECK (role IN ('participant', 'speaker', 'lead')),
    leave_reason  TEXT,
    note          TEXT,
    UNIQUE (activity_id, member_id)
) STRICT;

CREATE INDEX attendance_member ON attendance (member_id);

CREATE TABLE proposal (
    id             INTEGER PRIMARY KEY,
    number         TEXT    UNIQUE,
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
    CHECK ((type = 'collective') = (org_id IS NOT NULL)),
    CHECK (merged_into IS NULL OR stage = 'merged')
) STRICT;

CREATE INDEX proposal_year ON proposal (year);

CREATE TABLE proposal_author (
    id           INTEGER PRIMARY KEY,
    proposal_id  INTEGER NOT NULL REFERENCES proposal (id) ON DELETE RESTRICT,
    member_id    INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    role         TEXT    NOT NULL CHECK (role IN ('lead', 'cosigner', 'main_member')),
    ord          INTEGER NOT NULL CHECK (ord >= 1),
    UNIQUE (proposal_id, member_id, role)
) STRICT;

CREATE UNIQUE INDEX proposal_one_lead ON proposal_author (proposal_id) WHERE role = 'lead';
CREATE INDEX proposal_author_member ON proposal_author (member_id);

CREATE TABLE opinion (
    id             INTEGER PRIMARY KEY,
    number         TEXT    UNIQUE,
    title          TEXT    NOT NULL CHECK (length(title) > 0),
    submitted_on   TEXT    NOT NULL CHECK (date(submitted_on) IS submitted_on),
    from_proposal  INTEGER UNIQUE REFERENCES proposal (id) ON DELETE RESTRICT,
    note           TEXT
) STRICT;

CREATE INDEX opinion_submitted ON opinion (submitted_on);

CREATE TABLE opinion_author (
    id          INTEGER PRIMARY KEY,
    opinion_id  INTEGER NOT NULL REFERENCES opinion (id) ON DELETE RESTRICT,
    member_id   INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    role        TEXT    NOT NULL CHECK (role IN ('lead', 'co_author')),
    ord         INTEGER NOT NULL CHECK (ord >= 1),
    UNIQUE (opinion_id, member_id)
) STRICT;

CREATE UNIQUE INDEX opinion_one_lead ON opinion_author (opinion_id) WHERE role = 'lead';
CREATE INDEX opinion_author_member ON opinion_author (member_id);

CREATE TABLE opinion_adoption (
    id          INTEGER PRIMARY KEY,
    opinion_id  INTEGER NOT NULL REFERENCES opinion (id) ON DELETE RESTRICT,
    level       TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    adopted_on  TEXT    NOT NULL CHECK (date(adopted_on) IS adopted_on),
    note        TEXT,
    UNIQUE (opinion_id, level)
) STRICT;

CREATE TABLE opinion_instruction (
    id             INTEGER PRIMARY KEY,
    opinion_id     INTEGER NOT NULL REFERENCES opinion (id) ON DELETE RESTRICT,
    level          TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    instructed_on  TEXT    NOT NULL CHECK (date(instructed_on) IS instructed_on),
    leader         TEXT,
    note           TEXT
) STRICT;

CREATE TABLE commendation (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    level       TEXT    NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
    awarded_on  TEXT    NOT NULL CHECK (date(awarded_on) IS awarded_on),
    reason      TEXT    NOT NULL CHECK (length(reason) > 0)
) STRICT;

-- Manual adjustments decided by the office. Points are an exact decimal or fraction as text
-- ('2.5', '-3', '25/6'), never a float.
CREATE TABLE adjustment (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    points      TEXT    NOT NULL CHECK (points GLOB '[0-9-]*' AND points NOT GLOB '*[^0-9./-]*'),
    reason      TEXT    NOT NULL CHECK (length(reason) > 0)
) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    operator    TEXT    NOT NULL,
    command     TEXT    NOT NULL,
    table_name  TEXT    NOT NULL,
    row_id      INTEGER,
    action      TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before      TEXT    CHECK (before IS NULL OR json_valid(before)),
    after       TEXT    CHECK (after IS NULL OR json_valid(after))
) STRICT;

CREATE INDEX audit_log_table ON audit_log (table_name, row_id);

-- The audit trail is append-only, whoever edits the file.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Scoring schemes (考核办法): the rule text set for a year. Append-only: setting a scheme again
-- adds a row, and the newest row of a year is the one in force.
CREATE TABLE scheme (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    name        TEXT    NOT NULL CHECK (length(name) > 0),
    source      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
    set_at      TEXT    NOT NULL
) STRICT;

CREATE INDEX scheme_year ON scheme (year);

CREATE TRIGGER scheme_no_update BEFORE UPDATE ON scheme
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: schemes are append-only');
END;

CREATE TRIGGER scheme_no_delete BEFORE DELETE ON scheme
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: schemes are append-only');
END;

-- A year's assessment: a draft until finalised; a final one never changes, and a recomputation
-- marks it superseded (with a reason) and keeps it.
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
    -- The scheme's categories, parts and title; members' results are in assessment_member.
    result            TEXT    NOT NULL CHECK (json_valid(result)),
    CHECK (status = 'draft' OR finalized_at IS NOT NULL),
    CHECK (status <> 'superseded' OR (superseded_at IS NOT NULL AND length(supersede_reason) > 0))
) STRICT;

-- At most one current (draft or final) assessment per year.
CREATE UNIQUE INDEX assessment_current ON assessment (year) WHERE status IN ('draft', 'final');

CREATE TABLE assessment_member (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id) ON DELETE RESTRICT,
    member_id      INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    assessed       INTEGER NOT NULL CHECK (assessed IN (0, 1)),
    rank           INTEGER CHECK (rank IS NULL OR rank >= 1),
    total          TEXT    NOT NULL,
    grade          TEXT,
    flags          TEXT    NOT NULL CHECK (json_valid(flags)),
    -- The member's whole result: subtotals and every explanation line.
    result         TEXT    NOT NULL CHECK (json_valid(result)),
    PRIMARY KEY (assessment_id, member_id)
) STRICT;

CREATE TRIGGER assessment_final_update BEFORE UPDATE ON assessment
WHEN OLD.status = 'superseded'
  OR (OLD.status = 'final' AND (NEW.status <> 'superseded'
      OR NEW.year IS NOT OLD.year OR NEW.scheme_id IS NOT OLD.scheme_id
      OR NEW.rules_text IS NOT OLD.rules_text OR NEW.rules_sha256 IS NOT OLD.rules_sha256
      OR NEW.computed_at IS NOT OLD.computed_at OR NEW.finalized_at IS NOT OLD.finalized_at
      OR NEW.result IS NOT OLD.result))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_final_delete BEFORE DELETE ON assessment
WHEN OLD.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_member_final_insert BEFORE INSERT ON assessment_member
WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_member_final_update BEFORE UPDATE ON assessment_member
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER assessment_member_final_delete BEFORE DELETE ON assessment_member
WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

CREATE TRIGGER scheme_final_year BEFORE INSERT ON scheme
WHEN EXISTS (SELECT 1 FROM assessment WHERE year = NEW.year AND status = 'final')
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- Records of a year whose assessment is final cannot be added, changed or removed.
CREATE TRIGGER activity_final_insert BEFORE INSERT ON activity
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER activity_final_update BEFORE UPDATE ON activity
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER activity_final_delete BEFORE DELETE ON activity
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER attendance_final_insert BEFORE INSERT ON attendance
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = NEW.activity_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER attendance_final_update BEFORE UPDATE ON attendance
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = OLD.activity_id)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = NEW.activity_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER attendance_final_delete BEFORE DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(start_on, 1, 4) AS INTEGER) FROM activity WHERE id = OLD.activity_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_final_insert BEFORE INSERT ON proposal
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_final_update BEFORE UPDATE ON proposal
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = OLD.year) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_final_delete BEFORE DELETE ON proposal
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = OLD.year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_author_final_insert BEFORE INSERT ON proposal_author
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT year FROM proposal WHERE id = NEW.proposal_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_author_final_update BEFORE UPDATE ON proposal_author
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT year FROM proposal WHERE id = OLD.proposal_id)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT year FROM proposal WHERE id = NEW.proposal_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER proposal_author_final_delete BEFORE DELETE ON proposal_author
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT year FROM proposal WHERE id = OLD.proposal_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_final_insert BEFORE INSERT ON opinion
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.submitted_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_final_update BEFORE UPDATE ON opinion
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.submitted_on, 1, 4) AS INTEGER)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.submitted_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_final_delete BEFORE DELETE ON opinion
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.submitted_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_author_final_insert BEFORE INSERT ON opinion_author
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_author_final_update BEFORE UPDATE ON opinion_author
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_author_final_delete BEFORE DELETE ON opinion_author
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_insert BEFORE INSERT ON opinion_adoption
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_update BEFORE UPDATE ON opinion_adoption
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_delete BEFORE DELETE ON opinion_adoption
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_insert BEFORE INSERT ON opinion_instruction
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_update BEFORE UPDATE ON opinion_instruction
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = NEW.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_delete BEFORE DELETE ON opinion_instruction
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = (SELECT CAST(substr(submitted_on, 1, 4) AS INTEGER) FROM opinion WHERE id = OLD.opinion_id))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER commendation_final_insert BEFORE INSERT ON commendation
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.awarded_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER commendation_final_update BEFORE UPDATE ON commendation
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.awarded_on, 1, 4) AS INTEGER)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.awarded_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER commendation_final_delete BEFORE DELETE ON commendation
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.awarded_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER adjustment_final_insert BEFORE INSERT ON adjustment
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER adjustment_final_update BEFORE UPDATE ON adjustment
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = OLD.year) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER adjustment_final_delete BEFORE DELETE ON adjustment
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = OLD.year)
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- Built-in activity kinds. A committee may add its own with `lvzhi kind add`.
INSERT INTO activity_kind (code, name_zh, name_en, standing_only, builtin, all_due) VALUES
    ('plenary',        '全体会议',     'Plenary session',            0, 1, 1),
    ('standing',       '常委会议',     'Standing committee meeting', 1, 1, 1),
    ('chair',          '主席会议',     'Chair''s meeting',           0, 1, 0),
    ('consultation',   '协商会',       'Consultation meeting',       0, 1, 0),
    ('inspection',     '视察',         'Inspection',                 0, 1, 0),
    ('research',       '调研',         'Research',                   0, 1, 0),
    ('supervision',    '民主监督',     'Democratic supervision',     0, 1, 0),
    ('training',       '学习培训',     'Training',                   0, 1, 0),
    ('reading',        '读书活动',     'Reading session',            0, 1, 0),
    ('group',          '小组活动',     'Group activity',             0, 1, 0),
    ('speech_written', '书面发言',     'Written speech',             0, 1, 0),
    ('welfare',        '公益活动',     'Public welfare',             0, 1, 0),
    ('liaison',        '联络活动',     'Liaison activity',           0, 1, 0),
    ('other',          '其他',         'Other',                      0, 1, 0);

-- The standing committee: a member's 常委 periods are memberships in it.
INSERT INTO org (code, name, kind) VALUES ('standing', '常务委员会', 'standing');
