-- Every attempt of every VirtFusion call, for operators: what vfbridge asked, what VirtFusion
-- answered (bodies redacted and truncated), how long it took and for which operation. Written in
-- batches off the job path; old rows are deleted after vfbridge.ops.audit.retention.
create table virtfusion_call_audit (
    id             bigint      generated always as identity primary key,
    called_at      timestamptz not null,
    panel          text        not null,
    operation      text        not null,
    method         text        not null,
    path           text        not null,
    status         integer     not null,
    outcome        text        not null,
    duration_ms    integer     not null,
    attempt        integer     not null,
    operation_id   uuid,
    service_id     text,
    request_body   text,
    response_body  text
);

create index virtfusion_call_audit_by_service on virtfusion_call_audit (service_id, called_at) where service_id is not null;
create index virtfusion_call_audit_by_operation on virtfusion_call_audit (operation_id) where operation_id is not null;
create index virtfusion_call_audit_called_at on virtfusion_call_audit (called_at);
