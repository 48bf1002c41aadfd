-- wrk script: POST /v1/tickets with a fresh random UUID per request (the idempotency key).
-- issuedAt is the whole second by default: every ticket of a second shares one millisecond, a crowd
-- no building produces and the costliest case of the people-ahead count. ISSUED_AT=ms sends the
-- millisecond instead, as a kiosk's clock does.
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
wrk.method = "POST"
wrk.path = "/v1/tickets"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } wrk_timeval;
int gettimeofday(wrk_timeval *tv, void *tz);
]]
local clock = ffi.new("wrk_timeval")
local by_millisecond = os.getenv("ISSUED_AT") == "ms"

local function issued_at()
  if not by_millisecond then return os.time() * 1000 end
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) * 1000 + math.floor(tonumber(clock.tv_usec) / 1000)
end

local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  local body = string.format(
    '{"ticketId":"%s","serviceId":"meterai","issuedAt":%d,"clockOffsetMs":0,"language":"id","priority":false}',
    uuid(), issued_at())
  return wrk.format(nil, nil, nil, body)
end
