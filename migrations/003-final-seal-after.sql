-- lvzhi schema, version 3, second part: run by the program right after it has masked and
-- hash-chained the audit entries already there and sealed the years finalised before (see
-- 003-final-seal.sql). Never edited once shipped.

CREATE TRIGGER assessment_final_update BEFORE UPDATE ON assessment
WHEN OLD.status = 'superseded'
  OR (OLD.status = 'final' AND (NEW.status <> 'superseded'
      OR NEW.year IS NOT OLD.year OR NEW.scheme_id IS NOT OLD.scheme_id
      OR NEW.rules_text IS NOT OLD.rules_text OR NEW.rules_sha256 IS NOT OLD.rules_sha256
      OR NEW.computed_at IS NOT OLD.computed_at OR NEW.finalized_at IS NOT OLD.finalized_at
      OR NEW.result IS NOT OLD.result OR NEW.inputs_sha256 IS NOT OLD.inputs_sha256))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: a finalised assessment cannot change');
END;

-- The audit trail is append-only, whoever edits the file.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
