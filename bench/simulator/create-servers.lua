-- wrk script: POST /api/v1/servers for one existing user, counting the answers by status.
-- Usage: wrk -t2 -c16 -d15s -s create-servers.lua http://localhost:18090
wrk.method = "POST"
wrk.path = "/api/v1/servers"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("SIM_TOKEN") or "sim-token")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"packageId": 1, "userId": 1, "hypervisorId": 1, "ipv4": 1}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d: %d\n", status, count))
  end
end
