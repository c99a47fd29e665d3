-- Job retention deletes finished jobs that no accepted billing event points to any more; this index
-- answers "does an event still point to this job?" without scanning the events.
create index inbound_event_job on inbound_event (job_id);
