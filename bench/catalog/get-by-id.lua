-- GET /api/v1/products/{id}, walking through the ids in $IDS_FILE (one UUID a line).
-- Each wrk thread takes a disjoint stride, so with more ids than requests every request is a
-- first read of its product (cache miss); with a small, warmed file every request is a hit.
local ids = {}
local counter = 0
local thread_no = 0
local threads = 1

function setup(thread)
  thread:set("thread_no", thread_no)
  thread_no = thread_no + 1
end

function init(args)
  threads = tonumber(os.getenv("THREADS") or "2")
  for line in io.lines(os.getenv("IDS_FILE")) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  counter = thread_no
end

function request()
  local id = ids[(counter % #ids) + 1]
  counter = counter + threads
  return wrk.format("GET", "/api/v1/products/" .. id)
end
