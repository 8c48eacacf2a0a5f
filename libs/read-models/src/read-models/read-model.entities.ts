import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `rm_cases`: one row per case (list and search). Written by `case-summaries.v1`. */
@Entity('rm_cases')
export class CaseSummaryEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @Column({ name: 'tracking_code', type: 'text' }) trackingCode!: string;
  @Column({ type: 'text', nullable: true }) kind!: string | null;
  @Column({ name: 'kind_hint', type: 'text', nullable: true }) kindHint!: string | null;
  @Column({ type: 'int', nullable: true }) level!: number | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text', nullable: true }) channel!: string | null;
  @Column({ type: 'text', nullable: true }) field!: string | null;
  @Column({ name: 'receiving_unit_id', type: 'text' }) receivingUnitId!: string;
  @Column({ name: 'competent_unit_id', type: 'text', nullable: true }) competentUnitId!: string | null;
  @Column({ name: 'handler_id', type: 'text', nullable: true }) handlerId!: string | null;
  @Column({ name: 'received_at', type: 'date' }) receivedAt!: string;
  @Column({ name: 'accepted_at', type: 'date', nullable: true }) acceptedAt!: string | null;
  @Column({ name: 'decided_at', type: 'date', nullable: true }) decidedAt!: string | null;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) content!: string;
  @Column({ name: 'petitioner_count', type: 'int' }) petitionerCount!: number;
  @Column({ type: 'int' }) version!: number;
  @Column({ name: 'last_position', type: 'bigint' }) lastPosition!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** `rm_deadlines`: versions of the tracked deadlines of each case. Written by `deadlines.v1`. */
@Entity('rm_deadlines')
export class DeadlineRowEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @PrimaryColumn({ name: 'deadline_no', type: 'int' }) deadlineNo!: number;
  @PrimaryColumn({ name: 'position_from', type: 'bigint' }) positionFrom!: string;
  @Column({ name: 'recorded_from', type: 'timestamptz' }) recordedFrom!: Date;
  @Column({ name: 'recorded_to', type: 'timestamptz', nullable: true }) recordedTo!: Date | null;
  @Column({ name: 'tracking_code', type: 'text' }) trackingCode!: string;
  @Column({ type: 'text', nullable: true }) kind!: string | null;
  @Column({ name: 'receiving_unit_id', type: 'text' }) receivingUnitId!: string;
  @Column({ name: 'competent_unit_id', type: 'text', nullable: true }) competentUnitId!: string | null;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'handler_id', type: 'text', nullable: true }) handlerId!: string | null;
  @Column({ name: 'rule_id', type: 'text', nullable: true }) ruleId!: string | null;
  @Column({ name: 'rule_version', type: 'text', nullable: true }) ruleVersion!: string | null;
  @Column({ name: 'start_on', type: 'date', nullable: true }) startOn!: string | null;
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn!: string | null;
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ name: 'completed_on', type: 'date', nullable: true }) completedOn!: string | null;
  @Column({ name: 'paused_on', type: 'date', nullable: true }) pausedOn!: string | null;
  @Column({ name: 'cancelled_on', type: 'date', nullable: true }) cancelledOn!: string | null;
  @Column({ name: 'miss_recorded', type: 'boolean' }) missRecorded!: boolean;
  @Column({ type: 'boolean' }) accountable!: boolean;
  @Column({ name: 'accountability_due_on', type: 'date', nullable: true }) accountabilityDueOn!:
    string | null;
  @Column({ name: 'grace_until', type: 'date', nullable: true }) graceUntil!: string | null;
  @Column({ type: 'text', nullable: true }) accountability!: string | null;
  @Column({ name: 'started_late', type: 'boolean' }) startedLate!: boolean;
  @Column({ name: 'late_entry', type: 'boolean' }) lateEntry!: boolean;
  @Column({ type: 'boolean' }) imported!: boolean;
  @Column({ name: 'completed_recorded_at', type: 'timestamptz', nullable: true })
  completedRecordedAt!: Date | null;
}

/** `rm_units`: versions of each unit with its names and head terms. Written by `units.v1`. */
@Entity('rm_units')
export class UnitRowEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' }) unitId!: string;
  @PrimaryColumn({ name: 'position_from', type: 'bigint' }) positionFrom!: string;
  @Column({ name: 'recorded_from', type: 'timestamptz' }) recordedFrom!: Date;
  @Column({ name: 'recorded_to', type: 'timestamptz', nullable: true }) recordedTo!: Date | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) level!: string;
  @Column({ name: 'parent_id', type: 'text', nullable: true }) parentId!: string | null;
  @Column({ name: 'created_on', type: 'date', nullable: true }) createdOn!: string | null;
  @Column({ name: 'merged_into', type: 'text', nullable: true }) mergedInto!: string | null;
  @Column({ name: 'merged_on', type: 'date', nullable: true }) mergedOn!: string | null;
  @Column({ type: 'jsonb' }) names!: { name: string; from: string }[];
  @Column({ type: 'jsonb' }) heads!: {
    personId: string;
    fullName: string;
    from: string;
    to: string | null;
    acting: boolean;
  }[];
}
