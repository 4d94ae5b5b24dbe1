-- Version 4: a committee's own other names for its sectors (`sector alias add`), beside the
-- usual short and full names built into lvzhi.
CREATE TABLE sector_alias (
    id         INTEGER PRIMARY KEY,
    alias      TEXT    NOT NULL UNIQUE CHECK (length(alias) BETWEEN 1 AND 50),
    sector_id  INTEGER NOT NULL REFERENCES sector (id) ON DELETE RESTRICT
) STRICT;
