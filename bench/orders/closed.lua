-- The closed model of bench/orders (wrk -s closed.lua): every connection places one single-line
-- order (quantity 1) after another, as fast as the platform answers. Each request has its own
-- Idempotency-Key (<run id>-c<thread>-<n>) and the token of one of the run's shoppers, taken in
-- turn; the product is drawn at random from the products file. Tokens are re-read every 20 s
-- (run.sh refreshes the file before they expire). done() writes the status counts
-- (<status>[:<problem type>] <count>, one a line; socket errors as "error") to BENCH_STATUS.
local run_id = os.getenv("BENCH_RUN_ID") or "bench-local"
local tokens_file = os.getenv("BENCH_TOKENS")
local products_file = os.getenv("BENCH_PRODUCTS")
local status_file = os.getenv("BENCH_STATUS")

local threads = {}
local next_id = 0

local function read_lines(file)
  local list = {}
  local f = io.open(file, "r")
  if f == nil then return list end
  for line in f:lines() do
    if line ~= "" then list[#list + 1] = line end
  end
  f:close()
  return list
end

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

local tokens, products, loaded_at, n

function init(args)
  tokens = read_lines(tokens_file)
  products = read_lines(products_file)
  loaded_at = os.time()
  n = 0
  counts = {}
  math.randomseed(os.time() + id * 7919)
end

function request()
  n = n + 1
  if n % 200 == 0 and os.time() - loaded_at >= 20 then
    local fresh = read_lines(tokens_file)
    if #fresh > 0 then tokens = fresh end
    loaded_at = os.time()
  end
  local token = tokens[(n * 13 + id * 101) % #tokens + 1]
  local product = products[math.random(#products)]
  return wrk.format("POST", "/api/v1/orders", {
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = run_id .. "-c" .. id .. "-" .. n,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, application/problem+json",
  }, '{"lines":[{"productId":"' .. product .. '","quantity":1}]}')
end

function response(status, headers, body)
  local key = tostring(status)
  if status >= 400 and body then
    local t = body:match('"type"%s*:%s*"([^"]*)"')
    if t then key = key .. ":" .. (t:match("([^/]*)$") or t) end
  end
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  if socket > 0 then total["error"] = socket end
  local f = io.open(status_file, "w")
  for k, v in pairs(total) do f:write(k .. " " .. v .. "\n") end
  f:close()
end
