-- Load script for wrk, used by bench/run.py. Two modes, chosen by the first argument:
--
--   wrk ... -s bench/wrk.lua -- paths FILE
--       each request a random line of FILE (a path such as /foerderungen/some-slug/)
--   wrk ... -s bench/wrk.lua -- finder FILE [text]
--       random finder URLs: FILE has lines "stufe=a,b", "kreis=…", "fach=…", "art=…", "q=…";
--       each parameter is added with its own probability, sometimes with two values, plus a
--       random sort and page. With "text" every URL carries a free-text query q.
--
-- At the end it prints one JSON line, prefixed with "RESULT ", with throughput, latency
-- percentiles (milliseconds), errors (socket errors and statuses >= 400) and, for the finder,
-- how many answers came from the page cache.

local mode, paths, options, with_text = nil, {}, {}, false

local function split(value)
  local items = {}
  for item in string.gmatch(value, "[^,]+") do items[#items + 1] = item end
  return items
end

local function read_lines(file)
  local lines = {}
  for line in io.lines(file) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  return lines
end

local threads = {}

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() + (seed or 0))
  mode = args[1]
  if mode == "paths" then
    paths = read_lines(args[2])
  elseif mode == "finder" then
    for _, line in ipairs(read_lines(args[2])) do
      local name, values = string.match(line, "^(%w+)=(.*)$")
      options[name] = split(values)
    end
    with_text = args[3] == "text"
    -- Count answers from the page cache (only here: a response hook slows wrk down).
    hits = 0
    response = function(status, headers, body)
      if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
    end
  else
    error("unknown mode: " .. tostring(mode))
  end
end

local function pick(list)
  return list[math.random(1, #list)]
end

local function encode(value)
  return (string.gsub(value, "[^%w%-_%.~]", function(char)
    return string.format("%%%02X", string.byte(char))
  end))
end

-- How often each facet is part of a URL, and how often it carries a second value.
local chances = { stufe = 0.6, kreis = 0.5, fach = 0.3, art = 0.3 }
local sorts = { "relevanz", "relevanz", "neu", "frist", "betrag" }

local function finder_path()
  local query = {}
  for name, chance in pairs(chances) do
    if options[name] and math.random() < chance then
      query[#query + 1] = name .. "=" .. encode(pick(options[name]))
      if math.random() < 0.15 then
        query[#query + 1] = name .. "=" .. encode(pick(options[name]))
      end
    end
  end
  if with_text then
    query[#query + 1] = "q=" .. encode(pick(options.q))
  end
  if math.random() < 0.3 then
    query[#query + 1] = "sort=" .. pick(sorts)
  end
  if math.random() < 0.3 then
    query[#query + 1] = "page=" .. math.random(2, 6)
  end
  if #query == 0 then return "/foerderungen/" end
  return "/foerderungen/?" .. table.concat(query, "&")
end

function request()
  local path
  if mode == "paths" then path = pick(paths) else path = finder_path() end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local errors = summary.errors
  local hits = 0
  for _, thread in ipairs(threads) do hits = hits + (thread:get("hits") or 0) end
  print(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "rps": %.1f, "p50_ms": %.2f, ' ..
    '"p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "errors": %d, "status_errors": %d, ' ..
    '"cache_hits": %d}',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout + errors.status,
    errors.status, hits))
end
