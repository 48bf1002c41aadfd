-- wrk script: POST /v1/tickets with a fresh random UUID per request (the idempotency key).
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
wrk.method = "POST"
wrk.path = "/v1/tickets"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  local body = string.format(
    '{"ticketId":"%s","serviceId":"meterai","issuedAt":%d,"clockOffsetMs":0,"language":"id","priority":false}',
    uuid(), os.time() * 1000)
  return wrk.format(nil, nil, nil, body)
end
