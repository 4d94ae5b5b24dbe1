-- lvzhi schema, version 7: outcomes arrive after the year. Append-only: never edited once
-- shipped.
--
-- An adoption or a leader's instruction of an opinion report, and a proposal made key or
-- excellent, are events with their own date: they can be recorded, changed or removed while the
-- year of the EVENT is open, whatever the year of the report or proposal; finalising a year
-- locks the events dated in it. (Commendations were keyed on their own date already.)
-- A proposal's key_on / excellent_on is the date it was made key / excellent; NULL means in the
-- proposal's own year (every row made before this version).
-- The program then stores again the digest of each final year whose digest still matched its
-- inputs (the digest now covers the event dates), and creates the assessment trigger dropped
-- here again (007-outcome-dates-after.sql, run by it).

ALTER TABLE proposal ADD COLUMN key_on TEXT CHECK (key_on IS NULL OR date(key_on) IS key_on);
ALTER TABLE proposal ADD COLUMN excellent_on TEXT CHECK (excellent_on IS NULL OR date(excellent_on) IS excellent_on);

DROP TRIGGER proposal_final_update;
DROP TRIGGER opinion_adoption_final_insert;
DROP TRIGGER opinion_adoption_final_update;
DROP TRIGGER opinion_adoption_final_delete;
DROP TRIGGER opinion_instruction_final_insert;
DROP TRIGGER opinion_instruction_final_update;
DROP TRIGGER opinion_instruction_final_delete;
DROP TRIGGER assessment_final_update;

-- Whether year Y is finalised, as a view the triggers below read.
CREATE VIEW final_year AS SELECT year FROM assessment WHERE status = 'final';

-- A proposal of a final year keeps everything but its key and excellent marks; those change
-- only while the year they are dated in (key_on / excellent_on, or the proposal's year) is open.
CREATE TRIGGER proposal_final_update BEFORE UPDATE ON proposal
WHEN ((OLD.year IN final_year OR NEW.year IN final_year)
      AND (NEW.number IS NOT OLD.number OR NEW.title IS NOT OLD.title OR NEW.year IS NOT OLD.year
        OR NEW.session IS NOT OLD.session OR NEW.submitted_on IS NOT OLD.submitted_on
        OR NEW.type IS NOT OLD.type OR NEW.org_id IS NOT OLD.org_id OR NEW.stage IS NOT OLD.stage
        OR NEW.merged_into IS NOT OLD.merged_into OR NEW.forwarded_up IS NOT OLD.forwarded_up
        OR NEW.handling_unit IS NOT OLD.handling_unit OR NEW.reply_on IS NOT OLD.reply_on
        OR NEW.satisfaction IS NOT OLD.satisfaction OR NEW.note IS NOT OLD.note))
  OR ((NEW.is_key IS NOT OLD.is_key OR NEW.key_on IS NOT OLD.key_on)
      AND ((OLD.is_key = 1 AND coalesce(CAST(substr(OLD.key_on, 1, 4) AS INTEGER), OLD.year) IN final_year)
        OR (NEW.is_key = 1 AND coalesce(CAST(substr(NEW.key_on, 1, 4) AS INTEGER), NEW.year) IN final_year)))
  OR ((NEW.is_excellent IS NOT OLD.is_excellent OR NEW.excellent_on IS NOT OLD.excellent_on)
      AND ((OLD.is_excellent = 1 AND coalesce(CAST(substr(OLD.excellent_on, 1, 4) AS INTEGER), OLD.year) IN final_year)
        OR (NEW.is_excellent = 1 AND coalesce(CAST(substr(NEW.excellent_on, 1, 4) AS INTEGER), NEW.year) IN final_year)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_insert BEFORE INSERT ON opinion_adoption
WHEN CAST(substr(NEW.adopted_on, 1, 4) AS INTEGER) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_update BEFORE UPDATE ON opinion_adoption
WHEN CAST(substr(OLD.adopted_on, 1, 4) AS INTEGER) IN final_year
  OR CAST(substr(NEW.adopted_on, 1, 4) AS INTEGER) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_adoption_final_delete BEFORE DELETE ON opinion_adoption
WHEN CAST(substr(OLD.adopted_on, 1, 4) AS INTEGER) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_insert BEFORE INSERT ON opinion_instruction
WHEN CAST(substr(NEW.instructed_on, 1, 4) AS INTEGER) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_update BEFORE UPDATE ON opinion_instruction
WHEN CAST(substr(OLD.instructed_on, 1, 4) AS INTEGER) IN final_year
  OR CAST(substr(NEW.instructed_on, 1, 4) AS INTEGER) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER opinion_instruction_final_delete BEFORE DELETE ON opinion_instruction
WHEN CAST(substr(OLD.instructed_on, 1, 4) AS INTEGER) IN final_year
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- (the program stores the digest of each final year again here, when it still matched)
