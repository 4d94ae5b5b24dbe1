-- lvzhi schema, version 7, second part: run by the program right after it has stored again the
-- digests of the final years (see 007-outcome-dates.sql). Never edited once shipped.

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
