-- lvzhi schema, version 8: assessments at national scale. Append-only: never edited once
-- shipped.
--
-- A member's stored result no longer carries its explanation lines: `result` holds what the
-- reports need (code, name, sector, subtotals, eligibility, gates, flags, grade) and the lines
-- are computed again on demand from the assessment's rule text and the records, which a final
-- year locks and its digest covers. Rows stored before this version keep their lines and have
-- no `ord`. `ord` is the member's place in the ranking order (rank, then code), so reports read
-- a year's results in order from the index below instead of sorting them in memory.
-- Attendance is read member by member: the index on member_id now covers every column the
-- assessment reads.

ALTER TABLE assessment_member ADD COLUMN ord INTEGER CHECK (ord IS NULL OR ord >= 1);
CREATE UNIQUE INDEX assessment_member_order ON assessment_member (assessment_id, ord) WHERE ord IS NOT NULL;

DROP INDEX attendance_member;
CREATE INDEX attendance_member ON attendance (member_id, activity_id, status, role, half_days, leave_reason);
