-- GET /api/v1/products listing. MODE=same: one query repeated (served from the page cache after
-- the first request). MODE=distinct: every request a different query (category x page x price
-- floor), so each one misses the page cache and runs the filtered, counted SQL.
local categories = {}
local counter = 0
local thread_no = 0
local threads = 1
local mode = "same"

function setup(thread)
  thread:set("thread_no", thread_no)
  thread_no = thread_no + 1
end

function init(args)
  threads = tonumber(os.getenv("THREADS") or "2")
  mode = os.getenv("MODE") or "same"
  for line in io.lines(os.getenv("CATEGORIES_FILE")) do
    if #line > 0 then categories[#categories + 1] = line end
  end
  counter = thread_no
end

function request()
  if mode == "same" then
    return wrk.format("GET", "/api/v1/products?size=20&sort=price,asc&category=" .. categories[1])
  end
  local n = counter
  counter = counter + threads
  local category = categories[(n % #categories) + 1]
  local page = math.floor(n / #categories) % 5
  local floor = math.floor(n / (#categories * 5))
  return wrk.format("GET", "/api/v1/products?size=20&sort=price,asc&page=" .. page .. "&minPrice=" .. floor
    .. "&category=" .. category)
end
