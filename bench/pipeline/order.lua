-- wrk script: POST one single-line order per request straight at order-service, each with its own
-- Idempotency-Key. Environment: TOKEN (a customer's access token), PRODUCTS (comma-separated ids).
local products = {}
for id in string.gmatch(os.getenv("PRODUCTS") or "", "[^,]+") do products[#products + 1] = id end
local token = os.getenv("TOKEN")
local counter = 0

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end

local function key()
  counter = counter + 1
  return string.format("pipe-%s-%d-%d", tid or "0", os.time(), counter)
end

request = function()
  local product = products[math.random(1, #products)]
  local body = '{"lines":[{"productId":"' .. product .. '","quantity":1}]}'
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = key(),
  }, body)
end

local statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
