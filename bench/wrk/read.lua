-- Case reads: GET /v1/cases/{id} of a case drawn at random from the settings' `reads` list
-- ({case id, institution id} pairs, bench/size_bench.py samples them from the whole store),
-- with the token of the institution that serves it.  See lib.lua for the environment.
local lib = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "lib.lua")
local cfg = lib.config()
local STAFF = {}
for institution, token in pairs(cfg.institutions) do STAFF[institution] = lib.headers(token) end
math.randomseed(lib.now_us() % 2147483647)

function request()
  local read = cfg.reads[math.random(#cfg.reads)]
  lib.sent("get_case")
  return wrk.format("GET", "/v1/cases/" .. read[1], STAFF[read[2]])
end

function response(status, headers, body)
  if status == 200 then lib.ok("get_case", "GET") else lib.error("get_case", status, body) end
end
