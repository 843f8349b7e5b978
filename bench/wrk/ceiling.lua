-- The ceiling's load (bench/http_ceiling_app.py): POST /items, a ~500-byte JSON body with a
-- new uuid and serial each, as jkhttp/fixture.py:ceiling_body makes it.  See lib.lua.
local lib = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "lib.lua")
local cfg = lib.config()
local n = lib.base()
local HEADERS = { ["Content-Type"] = "application/json" }
math.randomseed(lib.now_us() % 2147483647)

local function uuid4()
  local r = math.random
  return string.format("%08x-%04x-4%03x-%04x-%06x%06x", r(0, 0xffffffff), r(0, 0xffff),
    r(0, 0xfff), r(0x8000, 0xbfff), r(0, 0xffffff), r(0, 0xffffff))
end

function request()
  n = n + 1
  lib.sent("insert")
  local body = cfg.ceiling:gsub("@CASE@", uuid4(), 1):gsub("@SEQ@", tostring(n), 1)
  return wrk.format("POST", "/items", HEADERS, body)
end

function response(status, headers, body)
  if status == 201 then lib.ok("insert", "POST") else lib.error("insert", status, body) end
end
