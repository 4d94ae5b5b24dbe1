-- lvzhi schema, version 5: every import that writes gets a number, and keeps what `import undo`
-- needs to take it back. Append-only like schema.sql: never edited once shipped.
--
-- import_run: one row per import that wrote something (its number is the id). Only its counts
-- (set as the import commits) and, once, its undone_at / undone_by change; it is never deleted.
--
-- import_image: the import's own images of every row it touched, unmasked (the audit log's are
-- masked and cannot restore a row):
--   insert       row_id, and `after`: the row as the import left it;
--   update       row_id, `before` (the full row before) and `after` (as the import left it);
--   delete       row_id and `before`;
--   bulk_insert  the attendance rows of a big import, ids row_id..last_id, and `after`: their
--                count and a SHA-256 of their contents (see src/store/undo.rs).
-- Undo compares each row with `after` to find rows changed since. Images are append-only; they
-- are deleted only together with an undo, once their import is marked undone. Year locks need
-- nothing here: each removal and restore goes through the record tables and their triggers.

CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    operator    TEXT    NOT NULL,
    -- The command line, its phone and ID numbers masked, as in the audit log.
    command     TEXT    NOT NULL,
    file        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('members', 'activities', 'attendance', 'proposals', 'opinions', 'donations')),
    added       INTEGER NOT NULL DEFAULT 0 CHECK (added >= 0),
    changed     INTEGER NOT NULL DEFAULT 0 CHECK (changed >= 0),
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed >= 0),
    -- The last audit entry the import wrote: later entries are later changes.
    last_log_id INTEGER,
    undone_at   TEXT,
    undone_by   TEXT,
    CHECK ((undone_at IS NULL) = (undone_by IS NULL))
) STRICT;

CREATE TABLE import_image (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES import_run (id) ON DELETE RESTRICT,
    table_name  TEXT    NOT NULL,
    row_id      INTEGER NOT NULL,
    last_id     INTEGER,
    action      TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'bulk_insert')),
    before      TEXT    CHECK (before IS NULL OR json_valid(before)),
    after       TEXT    CHECK (after IS NULL OR json_valid(after)),
    CHECK ((action = 'bulk_insert') = (last_id IS NOT NULL)),
    CHECK (last_id IS NULL OR last_id >= row_id),
    CHECK ((before IS NULL) = (action IN ('insert', 'bulk_insert'))),
    CHECK ((after IS NULL) = (action = 'delete'))
) STRICT;

CREATE INDEX import_image_import ON import_image (import_id);

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

CREATE TRIGGER import_image_insert BEFORE INSERT ON import_image
WHEN (SELECT undone_at FROM import_run WHERE id = NEW.import_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: import images are append-only');
END;

CREATE TRIGGER import_image_no_update BEFORE UPDATE ON import_image
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: import images are append-only');
END;

CREATE TRIGGER import_image_delete BEFORE DELETE ON import_image
WHEN (SELECT undone_at FROM import_run WHERE id = OLD.import_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: import images are append-only');
END;
