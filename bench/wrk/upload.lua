-- The upload alone: each request uploads a medical assessment (hospital token) for a new
-- person, the body the mix's upload sends (jkhttp/fixture.py), so no upload is a duplicate.
-- See lib.lua for the environment it needs; bench/http_bench.py runs it.
local lib = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "lib.lua")
local cfg = lib.config()
local n = lib.base()
local HEADERS = lib.headers(cfg.hospital)

function request()
  n = n + 1
  lib.sent("upload")
  return wrk.format("POST", "/v1/referrals/medical-assessments", HEADERS, lib.upload_body(n, cfg))
end

function response(status, headers, body)
  if status == 201 then lib.ok("upload", "POST") else lib.error("upload", status, body) end
end
