#!/usr/bin/env bash
# Summarises a JFR recording of vfbridge under the intake load: where the request threads spend
# their time (by phase of a webhook), the hottest methods and GC pauses.
#
#   bench/intake/profile-summary.sh <recording.jfr> [jfr binary]
#
# Phases come from jdk.ExecutionSample (Java code only: a thread waiting for PostgreSQL or the
# network is not sampled, and neither are GC and JIT threads).
# Each sample is charged to the innermost phase frame on its stack.
set -eu # no pipefail: head closes its pipes early
rec=$1
jfr=${2:-jfr}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$jfr" print --stack-depth 128 --events jdk.ExecutionSample "$rec" >"$work/samples" 2>/dev/null

echo "-- request phases (share of Java execution samples; innermost phase on the stack wins)"
awk '
  function phase(f) {
    if (f ~ /WebhookController\.sha256/) return "sha256 of the body"
    if (f ~ /EventReader\.body/) return "read the body"
    if (f ~ /WebhookVerifier\.verify/) return "verify the signature (HMAC)"
    if (f ~ /EventReader\.object/) return "parse the JSON (readTree)"
    if (f ~ /EventReader\.envelopeType/) return "check the envelope"
    if (f ~ /Validator|validation\./ && inData) return "validate data (Hibernate Validator)"
    if (f ~ /EventReader\.data/) return "bind data (treeToValue)"
    if (f ~ /writeValueAsString/ && inAccept) return "serialize the job payload"
    if (f ~ /JobQueue\.notifyWorkers/) return "SQL: pg_notify"
    if (f ~ /JobQueue\.enqueue/) return "SQL: insert job"
    if (f ~ /EventIntake\.accept/) return "SQL: insert inbound_event"
    if (f ~ /createTransactionIfNecessary/) return "transaction begin (JpaTransactionManager)"
    if (f ~ /commitTransactionAfterReturning/) return "transaction commit (incl. round trip)"
    if (f ~ /TransactionInterceptor\.invoke|CglibAopProxy/) return "transaction/AOP other"
    if (f ~ /WebhookController\.receive/) return "controller other (envelope.toString, ...)"
    if (f ~ /handleReturnValue/) return "write the response (Jackson, headers)"
    if (f ~ /DispatcherServlet\.doDispatch/) return "Spring MVC dispatch (mapping, arguments)"
    if (f ~ /ServerHttpObservationFilter|micrometer/) return "observation filter (metrics)"
    if (f ~ /OncePerRequestFilter|ApplicationFilterChain|FrameworkServlet/) return "servlet filters"
    if (f ~ /coyote|catalina|tomcat/) return "Tomcat (HTTP parsing, I/O)"
    return ""
  }
  /stackTrace = \[/ { n++; inStack = 1; nf = 0; next }
  inStack && /^[ \t]*\]/ {
    inStack = 0
    # innermost phase: scan from the top frame down, but know the context first
    inData = 0; inAccept = 0
    for (i = 1; i <= nf; i++) { if (fr[i] ~ /EventReader\.data/) inData = 1; if (fr[i] ~ /EventIntake\.accept/) inAccept = 1 }
    p = ""
    for (i = 1; i <= nf && p == ""; i++) p = phase(fr[i])
    if (p == "") { split(fr[1], parts, "."); p = "other: " parts[1] "." parts[2] "." parts[3] }
    c[p]++
    next
  }
  inStack { f = $0; sub(/^[ \t]+/, "", f); fr[++nf] = f }
  END { for (p in c) printf "%6.1f%%  %6d  %s\n", 100 * c[p] / n, c[p], p; }
' "$work/samples" | sort -rn | head -n 30
echo "   ($(grep -c 'jdk.ExecutionSample' "$work/samples") samples)"

echo
echo "-- hottest methods (self: top frame)"
awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' "$work/samples" |
  sort | uniq -c | sort -rn | head -n 20

echo
echo "-- GC"
"$jfr" print --events jdk.GarbageCollection "$rec" 2>/dev/null | awk '
  /name = / { name = $3 }
  /sumOfPauses = / { v = $3; unit = $4; ms = (unit ~ /^s/) ? v * 1000 : (unit ~ /^us/) ? v / 1000 : (unit ~ /^ns/) ? v / 1e6 : v
                     n++; sum += ms; if (ms > max) max = ms }
  END { printf "%d collections, %.0f ms paused in total, longest %.1f ms\n", n, sum, max }'
