# Single-thread timing of R's auto.arima over all 913 orange-juice (OJ) series: the comparison figure for
# the C# AutoARIMA.
#
# What it measures
#   The OJ data prepared as in the benchmark (tests/reference/oj_benchmark.R): one series per store x brand,
#   weekly grid 40..160, every column filled forward then backward, own price = price<brand>; the round-1
#   training window, weeks 40..135 (96 points) of logmove as a non-seasonal ts (frequency 1). The data are
#   prepared first and not timed. Then, in this one R process, with no parallelism (R's reference BLAS is
#   single-threaded):
#     seconds_plain  wall time of auto.arima(y) (all defaults) over the 913 series, one after another
#     seconds_xreg   wall time of auto.arima(y, xreg = cbind(deal, feat, price)) over the 913 series
#   (model fitting only: no forecasting, no output inside the timed loops). One round of each.
#   Prints ONE line of JSON:
#     {"series": 913, "seconds_plain", "seconds_xreg", "per_fit_plain", "per_fit_xreg", "r", "forecast"}
#
# How to run (from the repo root, on a quiet machine; about 2-3 minutes):
#   Rscript tests/reference/arima_timing.R
#
# Written and run with R 4.2.2, forecast 8.20, jsonlite 1.8.4 (Debian r-base, r-cran-forecast,
# r-cran-jsonlite).

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

DATA <- "data/oj/yx.csv.gz"
if (!file.exists(DATA)) stop("run from the repo root: ", DATA, " not found")

source("tests/reference/oj_prep.R")   # prep_oj(): the benchmark's grid 40..160, filled forward then backward

oj <- prep_oj(DATA)
stopifnot(length(oj) == 913L)
windows <- lapply(oj, function(g) {
  train <- g$week <= 135L
  list(y = ts(g$logmove[train], frequency = 1),
       xreg = as.matrix(g[train, c("deal", "feat", "price")]))
})
n <- length(windows)

t0 <- proc.time()[["elapsed"]]
for (w in windows) fit <- suppressWarnings(auto.arima(w$y))
seconds_plain <- proc.time()[["elapsed"]] - t0

t0 <- proc.time()[["elapsed"]]
for (w in windows) fit <- suppressWarnings(auto.arima(w$y, xreg = w$xreg))
seconds_xreg <- proc.time()[["elapsed"]] - t0

cat(toJSON(list(
  series = n,
  seconds_plain = round(seconds_plain, 3),
  seconds_xreg = round(seconds_xreg, 3),
  per_fit_plain = round(seconds_plain / n, 6),
  per_fit_xreg = round(seconds_xreg / n, 6),
  r = paste(R.version$major, R.version$minor, sep = "."),
  forecast = as.character(packageVersion("forecast"))
), auto_unbox = TRUE, digits = NA), "\n", sep = "")
