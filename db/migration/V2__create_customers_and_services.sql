-- Billing customers mapped to VirtFusion users, one per panel.
create table customer (
    id                  uuid        primary key,
    billing_id          text        not null,
    panel               text        not null,
    ext_relation_id     bigint,
    virtfusion_user_id  bigint,
    email               text        not null,
    name                text        not null,
    state               text        not null check (state in ('active', 'needs_attention', 'deleted')),
    state_reason        text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0,
    unique (billing_id, panel),
    unique (panel, ext_relation_id)
);

-- extRelationIds handed out in the 'allocated' mode (billing ids that are not integers); far above the
-- integer ids billing systems use, so the two never meet.
create sequence customer_ext_relation_id_seq start with 1000000000;

-- Billing services mapped to VirtFusion servers, with the state of each.
create table service (
    id                   uuid        primary key,
    billing_id           text        not null unique,
    customer_id          uuid        not null references customer (id),
    panel                text        not null,
    state                text        not null check (state in ('pending', 'provisioning', 'active', 'suspended',
                                                              'terminating', 'terminated', 'failed', 'needs_attention')),
    state_reason         text,
    server_id            bigint,
    server_uuid          text,
    package_id           bigint,
    hypervisor_group_id  bigint,
    os_template_id       bigint,
    hostname             text,
    ipv4                 text,
    ipv6                 text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint      not null default 0,
    unique (panel, server_id)
);

create index service_customer on service (customer_id);

-- Secrets an operation hands to billing once (a new root password): encrypted (AES-GCM), deleted when
-- delivered or when they expire.
create table operation_secret (
    operation_id  uuid        not null references job (id) on delete cascade,
    name          text        not null,
    ciphertext    bytea       not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    primary key (operation_id, name)
);

-- Creates for one customer are serialized (user creation, then server creation and adoption after a
-- lost answer) with a lease on the customer row rather than a held transaction: a crashed worker's
-- lease simply expires.
alter table customer add column create_lock_owner text;
alter table customer add column create_lock_expires_at timestamptz;
