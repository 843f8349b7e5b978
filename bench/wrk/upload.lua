-- wrk script: each request uploads a medical assessment for a new valid identity number
-- (GB 11643 check digit), so no upload is a duplicate.  JK_TOKEN: a hospital's bearer token;
-- JK_BASE: where this run's identity numbers start (a new one for each run on the same database).
--   JK_TOKEN=$(.venv/bin/jingkang token --role hospital --org hosp-1 --region 130100) JK_BASE=0 \
--   wrk -t1 -c32 -d15s --latency -s bench/wrk/upload.lua http://127.0.0.1:8001
local weights = {7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2}
local checks = "10X98765432"
local n = 0
local base = tonumber(os.getenv("JK_BASE") or "0")
local token = os.getenv("JK_TOKEN")
local function id_number(i)
  local year = 1950 + math.floor((i) / 336000) % 55
  local rest = i % 336000
  local month = 1 + math.floor((rest) / 28000) % 12
  local day = 1 + math.floor((rest) / 1000) % 28
  local serial = rest % 1000
  local body = string.format("110101%04d%02d%02d%03d", year, month, day, serial)
  local sum = 0
  for k = 1, 17 do sum = sum + tonumber(body:sub(k, k)) * weights[k] end
  local m = sum % 11
  return body .. checks:sub(m + 1, m + 1)
end
request = function()
  n = n + 1
  local body = '{"person":{"name":"张三","id_number":"' .. id_number(base + n) ..
    '","phone":"13800138000","address":"长安区建设北大街1号","guardian":{"name":"李四","relation":"母亲"}},' ..
    '"residence_region":"130102","assessment_kind":"discharge","assessed_on":"2026-10-30",' ..
    '"diagnosis":"精神分裂症","risk_level":1,"recommendation":"病情稳定，建议社区康复","consents":[' ..
    '{"purpose":"referral_upload","given_by":"patient","given_on":"2026-10-30"},' ..
    '{"purpose":"referral_upload","given_by":"guardian","given_on":"2026-10-30"},' ..
    '{"purpose":"share_with_institution","given_by":"patient","given_on":"2026-10-30"},' ..
    '{"purpose":"share_with_institution","given_by":"guardian","given_on":"2026-10-30"}]}'
  return wrk.format("POST", "/v1/referrals/medical-assessments",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, %.0f req/s\n", latency:percentile(50)/1000,
    latency:percentile(99)/1000, summary.requests / (summary.duration / 1e6)))
end
