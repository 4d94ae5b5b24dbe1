-- lvzhi schema, version 6: other duty outputs (履职成果) — research reports, historical
-- materials, media articles, paired assistance and the like — of kinds the committee defines.
-- Append-only like schema.sql: never edited once shipped.

CREATE TABLE contribution_kind (
    id       INTEGER PRIMARY KEY,
    code     TEXT    NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*' AND length(code) <= 40),
    name_zh  TEXT    NOT NULL UNIQUE CHECK (length(name_zh) BETWEEN 1 AND 50),
    name_en  TEXT    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 50)
) STRICT;

INSERT INTO contribution_kind (code, name_zh, name_en) VALUES
    ('research_report', '调研报告', 'research report'),
    ('history', '文史资料', 'historical material'),
    ('media', '宣传报道', 'media article'),
    ('pairing', '结对帮扶', 'paired assistance'),
    ('enterprise', '服务企业', 'service to enterprises'),
    ('study', '学习心得', 'study notes');

CREATE TABLE contribution (
    id       INTEGER PRIMARY KEY,
    kind_id  INTEGER NOT NULL REFERENCES contribution_kind (id) ON DELETE RESTRICT,
    done_on  TEXT    NOT NULL CHECK (date(done_on) IS done_on),
    title    TEXT    NOT NULL CHECK (length(title) > 0),
    level    TEXT    CHECK (level IS NULL OR level IN ('county', 'city', 'province', 'national')),
    outlet   TEXT,
    note     TEXT
) STRICT;

CREATE INDEX contribution_done_on ON contribution (done_on);

CREATE TABLE contribution_author (
    id               INTEGER PRIMARY KEY,
    contribution_id  INTEGER NOT NULL REFERENCES contribution (id) ON DELETE RESTRICT,
    member_id        INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
    role             TEXT    NOT NULL CHECK (role IN ('lead', 'co_author')),
    ord              INTEGER NOT NULL CHECK (ord >= 1),
    UNIQUE (contribution_id, member_id)
) STRICT;

CREATE UNIQUE INDEX contribution_one_lead ON contribution_author (contribution_id) WHERE role = 'lead';
CREATE INDEX contribution_author_member ON contribution_author (member_id);

CREATE TRIGGER contribution_final_insert BEFORE INSERT ON contribution
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.done_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_final_update BEFORE UPDATE ON contribution
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.done_on, 1, 4) AS INTEGER)) OR EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(NEW.done_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_final_delete BEFORE DELETE ON contribution
WHEN EXISTS (SELECT 1 FROM assessment WHERE status = 'final' AND year = CAST(substr(OLD.done_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_author_final_insert BEFORE INSERT ON contribution_author
WHEN EXISTS (SELECT 1 FROM assessment a JOIN contribution c ON c.id = NEW.contribution_id
             WHERE a.status = 'final' AND a.year = CAST(substr(c.done_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_author_final_update BEFORE UPDATE ON contribution_author
WHEN EXISTS (SELECT 1 FROM assessment a JOIN contribution c ON c.id IN (OLD.contribution_id, NEW.contribution_id)
             WHERE a.status = 'final' AND a.year = CAST(substr(c.done_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER contribution_author_final_delete BEFORE DELETE ON contribution_author
WHEN EXISTS (SELECT 1 FROM assessment a JOIN contribution c ON c.id = OLD.contribution_id
             WHERE a.status = 'final' AND a.year = CAST(substr(c.done_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- A kind's code may not change under a finalised year's contributions (rule files name codes).
CREATE TRIGGER contribution_kind_final_update BEFORE UPDATE OF code ON contribution_kind
WHEN NEW.code IS NOT OLD.code AND EXISTS (SELECT 1 FROM assessment a JOIN contribution c ON c.kind_id = OLD.id
             WHERE a.status = 'final' AND a.year = CAST(substr(c.done_on, 1, 4) AS INTEGER))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- Imports of contributions get numbers too: import_run's kind list gains 'contributions'. The
-- table is made again (SQLite cannot change a CHECK) from a copy of its rows; import_image's
-- references to it are checked at commit, when the same ids are back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE import_run_copy AS SELECT * FROM import_run;
DROP TABLE import_run;

CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    operator    TEXT    NOT NULL,
    -- The command line, its phone and ID numbers masked, as in the audit log.
    command     TEXT    NOT NULL,
    file        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('members', 'activities', 'attendance', 'proposals', 'opinions', 'donations', 'contributions')),
    added       INTEGER NOT NULL DEFAULT 0 CHECK (added >= 0),
    changed     INTEGER NOT NULL DEFAULT 0 CHECK (changed >= 0),
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed >= 0),
    -- The last audit entry the import wrote: later entries are later changes.
    last_log_id INTEGER,
    undone_at   TEXT,
    undone_by   TEXT,
    CHECK ((undone_at IS NULL) = (undone_by IS NULL))
) STRICT;

INSERT INTO import_run (id, at, operator, command, file, kind, added, changed, removed, last_log_id, undone_at, undone_by)
    SELECT id, at, operator, command, file, kind, added, changed, removed, last_log_id, undone_at, undone_by
    FROM import_run_copy ORDER BY id;
DROP TABLE import_run_copy;

CREATE TRIGGER import_run_no_delete BEFORE DELETE ON import_run
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: imports are kept');
END;

CREATE TRIGGER import_run_update BEFORE UPDATE ON import_run
WHEN OLD.undone_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.operator IS NOT OLD.operator OR NEW.command IS NOT OLD.command
  OR NEW.file IS NOT OLD.file OR NEW.kind IS NOT OLD.kind
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: imports are kept');
END;
