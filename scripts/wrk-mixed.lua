-- wrk script: issuing and citizen-page reads mixed 1:10. Each connection issues a ticket
-- (POST /v1/tickets, fresh UUID), then reads the citizen page (GET /t/{id}) of its tickets ten
-- times, round robin over the ones it has issued.
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local token = os.getenv("TOKEN")
local ids = {}
local step = 0

local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  step = step + 1
  if #ids == 0 or step % 11 == 1 then
    local body = string.format(
      '{"ticketId":"%s","serviceId":"meterai","issuedAt":%d,"clockOffsetMs":0,"language":"id","priority":false}',
      uuid(), os.time() * 1000)
    return wrk.format("POST", "/v1/tickets",
      {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
  end
  return wrk.format("GET", "/t/" .. ids[(step % #ids) + 1], {}, nil)
end

response = function(status, headers, body)
  if status == 201 then
    local id = string.match(body, '"ticketId":"([0-9a-f%-]+)"')
    if id then ids[#ids + 1] = id end
  end
end
