-- Reconciliation: each run compares every service mapping with VirtFusion and stores what differs.
-- A finding carries the action that fixes it; applying it enqueues one job, recorded here so that
-- applying it again returns the same operation instead of enqueueing another.
create table drift_report (
    id                uuid        primary key,
    operation_id      uuid        references job (id) on delete set null,
    trigger           text        not null check (trigger in ('schedule', 'operator')),
    started_at        timestamptz not null,
    finished_at       timestamptz not null,
    services_checked  integer     not null,
    customers_checked integer     not null,
    -- panels or customers that could not be read; the report is then partial
    errors            jsonb       not null default '[]'
);

create index drift_report_latest on drift_report (finished_at desc);

create table drift_finding (
    id                    uuid        primary key,
    report_id             uuid        not null references drift_report (id) on delete cascade,
    kind                  text        not null check (kind in ('server_missing', 'orphan_server', 'suspended_mismatch',
                                                               'owner_mismatch', 'package_mismatch', 'service_stuck')),
    panel                 text        not null,
    service_id            text,
    customer_id           text,
    server_id             bigint,
    operation_id          uuid,
    expected              text,
    actual                text,
    detail                text        not null,
    action                text        not null,
    action_description    text        not null,
    applied_at            timestamptz,
    applied_by            text,
    applied_operation_id  uuid
);

create index drift_finding_report on drift_finding (report_id);
