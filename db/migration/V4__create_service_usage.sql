-- Usage pulled from VirtFusion by the periodic usage sync: traffic per traffic period of each service's
-- server (VirtFusion's own periods, newest first there), and the disk as the hypervisor sees it at the
-- last sync (only on the current period's row).
create table service_usage (
    service_id           uuid        not null references service (id) on delete cascade,
    period_start         timestamp   not null,
    period_end           timestamp,
    rx_bytes             bigint,
    tx_bytes             bigint,
    total_bytes          bigint,
    limit_gb             bigint,
    disk_capacity_bytes  bigint,
    disk_used_bytes      bigint,
    synced_at            timestamptz not null,
    primary key (service_id, period_start)
);

-- How the last sync of each service went, so a failure is visible per service (never swallowed).
create table service_usage_sync (
    service_id       uuid        primary key references service (id) on delete cascade,
    last_attempt_at  timestamptz not null,
    last_synced_at   timestamptz,
    last_error       text,
    last_error_at    timestamptz,
    failures         integer     not null default 0
);

create index service_usage_sync_synced on service_usage_sync (last_synced_at);
