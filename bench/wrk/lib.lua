-- Shared by ceiling.lua, upload.lua and mix.lua, the wrk scripts bench/http_bench.py and
-- bench/size_bench.py run (one thread: `wrk -t1 -c32 -d20s --timeout 10s -s <script> <url>`).
--
-- Environment:
--   JK_CONFIG  the settings the Python side writes (jkhttp/fixture.py: Fixture.lua_config):
--              tokens, body templates, counties, case steps
--   JK_BASE    where this run's serials start (identity numbers, ceiling rows): each run on
--              the same database takes a new range
--   JK_OUT     where done() writes the run's tallies as JSON
--
-- Per thread, every answer is tallied by operation and status in globals (done() reads them
-- from each thread); the mix also records each operation's latency, from just
-- before its request goes out (the end of request()) to its answer (the start of response()).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } jk_timespec;
int clock_gettime(int clock_id, jk_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("jk_timespec")
local SAMPLES = 5 -- error answers kept per thread, for the report

local lib = {}

function lib.now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000000 + math.floor(tonumber(timespec.tv_nsec) / 1000)
end

function lib.config()
  local path = os.getenv("JK_CONFIG")
  if not path then error("JK_CONFIG must name the settings file bench/http_bench.py writes") end
  return dofile(path)
end

function lib.base()
  return tonumber(os.getenv("JK_BASE") or "0")
end

-- The identity number of serial n, as jkhttp/fixture.py:id_number makes it (GB 11643 check
-- digit): Beijing Dongcheng, born 1950-01-01 + (n mod birth_days) days, sequence n div birth_days.
local WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local CHECKS = "10X98765432"
function lib.id_number(n, cfg)
  local born = os.date("!%Y%m%d", cfg.birth_first_epoch + (n % cfg.birth_days) * 86400)
  local body = string.format("110101%s%03d", born, math.floor(n / cfg.birth_days) % 1000)
  local sum = 0
  for k = 1, 17 do sum = sum + tonumber(body:sub(k, k)) * WEIGHTS[k] end
  local m = sum % 11
  return body .. CHECKS:sub(m + 1, m + 1)
end

-- Serial n's upload body: its identity number, the counties by turns (fixture.py: upload).
function lib.upload_body(n, cfg)
  local region = cfg.counties[n % #cfg.counties + 1]
  return (cfg.upload:gsub("@ID@", lib.id_number(n, cfg), 1):gsub("@REGION@", region, 1))
end

function lib.headers(token)
  return { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
end

-- The tallies of this thread, in flat globals (wrk's thread:get cannot copy nested tables):
-- jk_ok[op], jk_sent[op]: answers with the expected status, requests sent; jk_errors["op
-- status"]: other answers ("?" when the answer could not be told apart: see mix.lua);
-- jk_posts[1]: successful POSTs; jk_lat_<op>: latencies in microseconds (mix only).
jk_ok, jk_sent, jk_errors, jk_posts, jk_samples = {}, {}, {}, { 0 }, {}

function lib.sent(op)
  jk_sent[op] = (jk_sent[op] or 0) + 1
end

function lib.ok(op, method, latency_us)
  jk_ok[op] = (jk_ok[op] or 0) + 1
  if method == "POST" then jk_posts[1] = jk_posts[1] + 1 end
  if latency_us then
    local name = "jk_lat_" .. op
    local list = _G[name]
    if not list then list = {}; _G[name] = list end
    list[#list + 1] = latency_us
  end
end

function lib.error(op, status, detail)
  local key = op .. " " .. tostring(status)
  jk_errors[key] = (jk_errors[key] or 0) + 1
  if #jk_samples < SAMPLES then
    jk_samples[#jk_samples + 1] = key .. ": " .. detail:sub(1, 300)
  end
end

-- Every thread's tallies, gathered by the main state at the end and written to JK_OUT.
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

local function json(value)
  local kind = type(value)
  if kind == "number" then
    return value == math.floor(value) and string.format("%d", value) or string.format("%.6f", value)
  elseif kind == "string" then
    return '"' .. value:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif kind == "table" then
    if #value > 0 or next(value) == nil then
      local parts = {}
      for i = 1, #value do parts[i] = json(value[i]) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local parts = {}
    for k, v in pairs(value) do parts[#parts + 1] = json(tostring(k)) .. ":" .. json(v) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  return "null"
end

function done(summary, latency, requests)
  local out = { duration_us = summary.duration, requests = summary.requests,
                socket_errors = summary.errors, p50_us = latency:percentile(50),
                p99_us = latency:percentile(99), max_us = latency.max, threads = {} }
  for i, thread in ipairs(threads) do
    local tallies = { ok = thread:get("jk_ok"), sent = thread:get("jk_sent"),
                      errors = thread:get("jk_errors"), posts = thread:get("jk_posts")[1],
                      samples = thread:get("jk_samples"), lat = {} }
    for op in pairs(tallies.sent) do tallies.lat[op] = thread:get("jk_lat_" .. op) end
    out.threads[i] = tallies
  end
  local path = os.getenv("JK_OUT")
  if not path then
    io.write(json(out), "\n")
    return
  end
  local file = assert(io.open(path, "w"))
  file:write(json(out))
  file:close()
end

return lib
