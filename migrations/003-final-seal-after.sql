-- lvzhi schema, version 3, second part: run by the program right after it has masked and
-- hash-chained the audit entries already there (see 003-final-seal.sql). Never edited once
-- shipped.

-- The audit trail is append-only, whoever edits the file.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
