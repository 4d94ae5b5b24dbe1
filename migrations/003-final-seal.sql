-- lvzhi schema, version 3: final means final. Append-only like schema.sql: never edited once
-- shipped.
--
-- 1. A finalised year's result also rests on members' dates, codes and sectors, on standing
--    committee (常委) periods, on the committee's term start and on activity kinds' settings:
--    changes reaching into a finalised year are refused here as well as by the commands.
--    A year Y "is reached" by
--    - a member row (insert, delete, or a change of code, sector or joining date) when the
--      member serves during Y, before or after the change;
--    - a change of leaving date or reason when the member serves during Y and the earlier of the
--      old and new leaving dates falls on or before 31 December of Y (leaving later is allowed);
--    - a standing period (membership of the org of kind 'standing') inserted, deleted or changed
--      when its member serves during Y and the earliest date changed is on or before 31
--      December of Y (closing an open period after Y is allowed);
--    - a kind's code, standing_only or all_due when an activity of that kind starts on or before
--      31 December of Y;
--    - the committee's term start when Y is at or after the earlier of the old and new values.
--    Names, workplaces, titles, phone numbers and notes stay correctable.
-- 2. The final assessment keeps the SHA-256 digest of every input it was computed from
--    (assessment.inputs_sha256), made by the program over natural keys, never row ids. Years
--    finalised before this version are sealed as their inputs stand at the upgrade.
-- 3. The audit log is hash-chained (audit_log.hash); its phone and ID numbers are masked. The
--    program masks and hashes the entries already there right after this script (migration
--    hook), then creates the triggers dropped here again (003-final-seal-after.sql, run by it).

ALTER TABLE assessment ADD COLUMN inputs_sha256 TEXT CHECK (inputs_sha256 IS NULL OR length(inputs_sha256) = 64);

DROP TRIGGER assessment_final_update;

CREATE TRIGGER member_final_insert BEFORE INSERT ON member
WHEN EXISTS (SELECT 1 FROM assessment a WHERE a.status = 'final'
    AND (NEW.joined_on IS NULL OR NEW.joined_on <= printf('%04d-12-31', a.year))
    AND (NEW.left_on IS NULL OR NEW.left_on > printf('%04d-01-01', a.year)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER member_final_update BEFORE UPDATE ON member
WHEN EXISTS (SELECT 1 FROM assessment a WHERE a.status = 'final'
    AND (((OLD.joined_on IS NULL OR OLD.joined_on <= printf('%04d-12-31', a.year))
          AND (OLD.left_on IS NULL OR OLD.left_on > printf('%04d-01-01', a.year)))
      OR ((NEW.joined_on IS NULL OR NEW.joined_on <= printf('%04d-12-31', a.year))
          AND (NEW.left_on IS NULL OR NEW.left_on > printf('%04d-01-01', a.year))))
    AND (NEW.code IS NOT OLD.code OR NEW.sector_id IS NOT OLD.sector_id
      OR NEW.joined_on IS NOT OLD.joined_on
      OR ((NEW.left_on IS NOT OLD.left_on OR NEW.left_reason IS NOT OLD.left_reason)
          AND min(coalesce(OLD.left_on, '9999-12-31'), coalesce(NEW.left_on, '9999-12-31'))
              <= printf('%04d-12-31', a.year))))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER member_final_delete BEFORE DELETE ON member
WHEN EXISTS (SELECT 1 FROM assessment a WHERE a.status = 'final'
    AND (OLD.joined_on IS NULL OR OLD.joined_on <= printf('%04d-12-31', a.year))
    AND (OLD.left_on IS NULL OR OLD.left_on > printf('%04d-01-01', a.year)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

-- Whether member M served during year Y, as a view for the standing-period triggers.
CREATE VIEW member_year_served AS
SELECT m.id AS member_id, a.year AS year
FROM member m JOIN assessment a ON a.status = 'final'
WHERE (m.joined_on IS NULL OR m.joined_on <= printf('%04d-12-31', a.year))
  AND (m.left_on IS NULL OR m.left_on > printf('%04d-01-01', a.year));

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

CREATE TRIGGER activity_kind_final_update BEFORE UPDATE ON activity_kind
WHEN (NEW.code IS NOT OLD.code OR NEW.standing_only IS NOT OLD.standing_only OR NEW.all_due IS NOT OLD.all_due)
 AND EXISTS (SELECT 1 FROM activity x JOIN assessment a ON a.status = 'final'
     WHERE x.kind_id = OLD.id AND x.start_on <= printf('%04d-12-31', a.year))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

CREATE TRIGGER committee_final_update BEFORE UPDATE ON committee
WHEN NEW.term_start IS NOT OLD.term_start
 AND EXISTS (SELECT 1 FROM assessment a WHERE a.status = 'final'
     AND a.year >= min(coalesce(OLD.term_start, 9999), coalesce(NEW.term_start, 9999)))
BEGIN
    SELECT RAISE(ABORT, 'lvzhi: year finalised');
END;

ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;

-- (the program masks and hashes the existing entries here, and stores the digest of each year
-- finalised before this version: its inputs as they are at the upgrade)
