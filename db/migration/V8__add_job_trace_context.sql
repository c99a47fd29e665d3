-- The W3C traceparent of the span that enqueued the job (the webhook's request, or the job
-- that enqueued this one): the worker's span for each run continues that trace.
alter table job add column trace_parent text;
