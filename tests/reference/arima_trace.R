# The search path of forecast's auto.arima: every model the stepwise search fits, in order, with its AICc
# (auto.arima(..., trace = TRUE)), so the C# search can be checked step by step, not only by its final choice.
#
# What it computes
#   trace.json   for R's WWWusage, lynx, USAccDeaths and AirPassengers and for four orange-juice (OJ) series
#                (round-1 training window, weeks 40..135 of logmove, frequency 1; without regressors and with
#                xreg = cbind(deal, feat, price)): the lines auto.arima prints with trace = TRUE, parsed into
#                model text, orders and criterion (null for Inf), plus the final model.
#   Written to tests/Research.Forecasting.Tests/Fixtures/arima/trace.json.
#
# How to run (from the repo root; a few seconds):
#   Rscript tests/reference/arima_trace.R
#
# Written and run with R 4.2.2, forecast 8.20, jsonlite 1.8.4 (Debian r-base, r-cran-forecast,
# r-cran-jsonlite).

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

DATA <- "data/oj/yx.csv.gz"
OUT <- "tests/Research.Forecasting.Tests/Fixtures/arima/trace.json"
if (!file.exists(DATA)) stop("run from the repo root: ", DATA, " not found")
source("tests/reference/oj_prep.R")   # prep_oj(): the benchmark's grid 40..160, filled forward then backward
oj <- prep_oj(DATA)

parse_trace <- function(lines) {
  lines <- trimws(lines)
  lines <- lines[grepl("^(Regression with )?ARIMA\\(", lines) & grepl(":", lines, fixed = TRUE)]
  lapply(lines, function(l) {
    parts <- strsplit(l, ":", fixed = TRUE)[[1]]
    model <- trimws(parts[1])
    ic <- as.numeric(trimws(parts[2]))
    nums <- as.integer(regmatches(model, gregexpr("[0-9]+", model))[[1]])
    list(model = model,
         order = nums[1:3],
         seasonal = if (length(nums) >= 7) nums[4:6] else c(0L, 0L, 0L),
         constant = grepl("with drift|non-zero mean", model),
         ic = if (is.finite(ic)) ic else NULL)
  })
}

trace_case <- function(name, y, xreg = NULL) {
  fit <- NULL
  lines <- capture.output(fit <- auto.arima(y, xreg = xreg, trace = TRUE))
  list(name = name, y = as.numeric(y), frequency = frequency(y),
       xreg_names = if (is.null(xreg)) list() else colnames(xreg),
       xreg = if (is.null(xreg)) list() else unname(split(xreg, row(xreg))),
       trace = parse_trace(lines),
       final = arimaorder(fit))
}

oj_window <- function(key) {
  g <- oj[[key]]
  train <- g$week <= 135L
  list(y = ts(g$logmove[train], frequency = 1), xreg = as.matrix(g[train, c("deal", "feat", "price")]))
}

cases <- list(
  trace_case("WWWusage", WWWusage),
  trace_case("lynx", lynx),
  trace_case("USAccDeaths", USAccDeaths),
  trace_case("AirPassengers", AirPassengers)
)
for (key in c("2/1", "5/7", "137/11", "74/3")) {
  w <- oj_window(key)
  cases[[length(cases) + 1]] <- trace_case(paste0("oj_", key), w$y)
  cases[[length(cases) + 1]] <- trace_case(paste0("oj_", key, "_xreg"), w$y, w$xreg)
}

cases <- list(cases = cases)
tmp <- paste0(OUT, ".tmp")
writeLines(toJSON(cases, auto_unbox = TRUE, digits = I(15), null = "null", pretty = TRUE), tmp)
invisible(file.rename(tmp, OUT))
cat(sprintf("wrote %s: %d cases, %d trace lines\n", OUT, length(cases$cases), sum(sapply(cases$cases, function(c) length(c$trace)))))
