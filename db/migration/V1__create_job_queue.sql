-- The job queue: one row per unit of work. A job runs only when every earlier unfinished job
-- (queued or running) with the same ordering key has finished, so work on one billing service runs
-- strictly in order while different services run in parallel.
create table job (
    id                uuid        primary key,
    seq               bigint      generated always as identity unique,
    ordering_key      text        not null,
    type              text        not null,
    payload           jsonb       not null,
    status            text        not null check (status in ('queued', 'running', 'succeeded', 'failed', 'dead', 'needs_attention')),
    attempts          integer     not null default 0,
    failures          integer     not null default 0,
    next_run_at       timestamptz not null,
    lease_owner       text,
    lease_expires_at  timestamptz,
    heartbeat_at      timestamptz,
    last_error        text,
    result            jsonb,
    checkpoint        jsonb,
    parent_job_id     uuid        references job (id) on delete cascade,
    panel             text,
    service_id        text,
    customer_id       text,
    created_at        timestamptz not null,
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);

-- The claim query scans only unfinished jobs, by readiness.
create index job_claimable on job (next_run_at, seq) where status in ('queued', 'running');
-- "Is an earlier job of this key unfinished?" is answered from this index.
create index job_unfinished_by_key on job (ordering_key, seq) where status in ('queued', 'running');
create index job_by_service on job (service_id, seq);
create index job_finished_at on job (finished_at) where finished_at is not null;

-- Every accepted billing event (signed webhook or REST command), keyed by its idempotency key so a
-- repeat returns the original operation. The request hash tells a true repeat from a key reused for a
-- different request.
create table inbound_event (
    id               uuid        primary key,
    channel          text        not null check (channel in ('webhook', 'rest')),
    idempotency_key  text        not null unique,
    request_hash     bytea       not null,
    type             text        not null,
    payload          jsonb       not null,
    received_at      timestamptz not null,
    job_id           uuid        not null references job (id) on delete cascade deferrable initially deferred
);

create index inbound_event_received_at on inbound_event (received_at);
