-- wrk script: POST /login as the demo users, rotating through all nine logins.
-- The server throttles logins per account, so most responses are expected to
-- be 429; done() prints the status-code histogram so the report shows it.
--
--   wrk -t2 -c32 -d20s --latency -s scripts/wrk/login.lua http://127.0.0.1:18090
--
-- The Origin header must match the server's address (CSRF check); it is taken
-- from the URL given to wrk.

local logins = {
  "admin", "director", "deputy", "teacher", "classteacher",
  "pupil", "parent", "municipal", "regional",
}

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  -- id is set by setup(); offset each thread so they start on different accounts
  counter = (id or 0) * 4
  statuses = {}
  local port = wrk.port and (":" .. wrk.port) or ""
  origin = wrk.scheme .. "://" .. wrk.host .. port
end

function request()
  local login = logins[(counter % #logins) + 1]
  counter = counter + 1
  return wrk.format("POST", "/login", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = origin,
  }, "login=" .. login .. "&password=demo")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses") or {}
    for code, n in pairs(s) do
      total[code] = (total[code] or 0) + n
    end
  end
  local codes = {}
  for code in pairs(total) do table.insert(codes, code) end
  table.sort(codes)
  for _, code in ipairs(codes) do
    io.write(string.format("STATUS %d %d\n", code, total[code]))
  end
end
