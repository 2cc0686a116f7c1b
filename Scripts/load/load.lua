-- wrk script of Scripts/load/load_test.py. HAVEN_LOAD_REQUESTS names a file of requests, one a
-- line: METHOD, TAB, PATH, TAB, JSON body or nothing; HAVEN_LOAD_AUTH a file of credentials, one
-- set a line (headers "Name: value" separated by TABs), dealt out to wrk's threads in turn. Each
-- thread walks the requests in a circle from its own starting point. done() prints one line,
-- "HAVEN-LOAD {json}": requests a second, p50 and p99 in ms, socket errors, and every status.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

function init(args)
  local credentials = {}
  for line in io.lines(os.getenv("HAVEN_LOAD_AUTH")) do
    local headers = {}
    for pair in line:gmatch("[^\t]+") do
      local name, value = pair:match("^([^:]+): (.*)$")
      if name then headers[name] = value end
    end
    table.insert(credentials, headers)
  end
  if #credentials == 0 then credentials = { {} } end
  local mine = credentials[(thread_index - 1) % #credentials + 1]
  formatted = {}
  for line in io.lines(os.getenv("HAVEN_LOAD_REQUESTS")) do
    local method, path, body = line:match("^([^\t]*)\t([^\t]*)\t?(.*)$")
    local headers = {}
    for name, value in pairs(mine) do headers[name] = value end
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    table.insert(formatted, wrk.format(method, path, headers, body))
  end
  math.randomseed(thread_index * 7919)
  position = math.random(#formatted)
  statuses = {}
end

function request()
  position = position % #formatted + 1
  return formatted[position]
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do all[status] = (all[status] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(all) do table.insert(parts, string.format('"%s": %d', status, count)) end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('HAVEN-LOAD {"rps": %.2f, "p50_ms": %.3f, "p99_ms": %.3f, "requests": %d, "socket_errors": %d, "statuses": {%s}}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors, table.concat(parts, ", ")))
end
