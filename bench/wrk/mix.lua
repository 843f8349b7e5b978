-- The realistic mix, closed loop: each case goes through upload (hospital), dispatch by
-- residence (platform), acceptance, evaluation, agreement (the institution the dispatch
-- answer names), then service records with a case read after every second one: with the
-- defaults 10 records and 5 reads, 20 requests a case.  Bodies and tokens come from
-- jkhttp/fixture.py, as the earlier Python driver sent them.  See lib.lua for the environment.
--
-- wrk does not tell a script which connection a request or an answer belongs to, so cases
-- are scheduled, not pinned: request() takes the oldest case whose last answer is back (or
-- begins a new case when none is), and response() finds the request an answer belongs to by
-- the answer itself -- the case id it starts with, or for an upload the identity number, which
-- the hospital sees unmasked.  A case has at most one request out and a case is begun only
-- when no other is waiting, so as many cases are under way as connections, each one step at
-- a time, as with one case per connection.  A non-2xx answer that names neither (a problem
-- document) counts as an error of operation "?"; its case is dropped.
local lib = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "lib.lua")
local cfg = lib.config()
local n = lib.base()
local UPLOAD_PATH = "/v1/referrals/medical-assessments"

local STEPS = {
  { op = "upload", method = "POST", expect = 201 },
  { op = "dispatch", method = "POST", suffix = "/dispatch", body = cfg.dispatch, expect = 200 },
  { op = "acceptance", method = "POST", suffix = "/acceptance", body = cfg.acceptance, expect = 200 },
  { op = "evaluation", method = "POST", suffix = "/evaluations", body = cfg.evaluation, expect = 200 },
  { op = "agreement", method = "POST", suffix = "/agreements", body = cfg.agreement, expect = 200 },
}
for record = 1, cfg.service_records do
  STEPS[#STEPS + 1] = { op = "service_record", method = "POST", suffix = "/service-records",
                        body = cfg.service_record, expect = 200 }
  if record % cfg.read_every == 0 then
    STEPS[#STEPS + 1] = { op = "get_case", method = "GET", suffix = "", expect = 200 }
  end
end

local HOSPITAL = lib.headers(cfg.hospital)
local PLATFORM = lib.headers(cfg.platform)
local STAFF = {}
for institution, token in pairs(cfg.institutions) do STAFF[institution] = lib.headers(token) end

local ready, first, last = {}, 1, 0 -- cases whose last answer is back, oldest first
local by_case = {}                  -- case id -> case with a request out
local by_person = {}                -- identity number -> case whose upload is out

local function next_case()
  if first <= last then
    local case = ready[first]
    ready[first] = nil
    first = first + 1
    return case
  end
  n = n + 1
  return { step = 1, serial = n, person = lib.id_number(n, cfg) }
end

function request()
  local case = next_case()
  local step = STEPS[case.step]
  local text
  if case.step == 1 then
    by_person[case.person] = case
    text = wrk.format("POST", UPLOAD_PATH, HOSPITAL, lib.upload_body(case.serial, cfg))
  else
    by_case[case.id] = case
    local headers = case.step == 2 and PLATFORM or case.staff
    text = wrk.format(step.method, case.path .. step.suffix, headers, step.body)
  end
  lib.sent(step.op)
  case.started = lib.now_us()
  return text
end

local function owner(body)
  local id = body:match('^{"case_id":"([^"]+)"')
  local case = id and by_case[id]
  if case then
    by_case[id] = nil
    return case, id
  end
  local person = body:match('"id_number":"([0-9X]+)"')
  case = person and by_person[person]
  if case then by_person[person] = nil end
  return case, id
end

function response(status, headers, body)
  local answered = lib.now_us()
  local case, id = owner(body)
  if not case then
    lib.error("?", status, body)
    return
  end
  local step = STEPS[case.step]
  if status ~= step.expect then
    lib.error(step.op, status, body)
    return
  end
  lib.ok(step.op, step.method, answered - case.started)
  if case.step == 1 then
    case.id, case.path = id, "/v1/cases/" .. id
  elseif case.step == 2 then
    local chosen = body:match('"institution":{"institution_id":"([^"]+)"')
    case.staff = chosen and STAFF[chosen]
    if not case.staff then
      lib.error("dispatch", "no institution chosen", body)
      return
    end
  end
  case.step = case.step + 1
  if case.step <= #STEPS then
    last = last + 1
    ready[last] = case
  end
end
