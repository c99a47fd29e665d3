-- Who submitted each accepted billing event: the API key's name for a REST command, 'webhook' for a
-- signed webhook. An operation's secrets (a new root password) are handed only to its submitter (any
-- billing key for a webhook's) and to the signed callback.
alter table inbound_event add column submitted_by text;

update inbound_event
set submitted_by = case when channel = 'webhook' then 'webhook' else coalesce(payload ->> 'apiKey', 'unknown') end;

alter table inbound_event alter column submitted_by set not null;
