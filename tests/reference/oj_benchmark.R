# R side of the orange-juice (OJ) benchmark: the protocol of microsoft/forecasting's OJ benchmark, run with
# the R 'forecast' package, so the C# models can be compared with it on the same splits and the same metric.
#
# What it computes
#   Dominick's orange juice (data/oj/yx.csv.gz), one series per store x brand (913). Target move =
#   round(exp(logmove)). Each series is put on the complete weekly grid 40..160 and every column is filled
#   forward, then backward for leading gaps, before modelling; evaluation uses only the weeks present in the
#   raw data. 10 rounds, horizon 2, gap 2: round r (1..10) trains on weeks 40 .. 135+2(r-1) and forecasts
#   weeks 137+2(r-1) and 138+2(r-1) (forecast 3 steps ahead, keep steps 2 and 3; week 136+2(r-1) is the gap).
#   Price, deal and feat are known through the end of each forecast window (the filled future values are the
#   xreg of the forecast). Models, each fitted on logmove as a non-seasonal ts (frequency 1), forecasts
#   back-transformed with exp() (no bias adjustment):
#     naive            naive(y)
#     mean             meanf(y)
#     drift            rwf(y, drift = TRUE)
#     auto_arima       auto.arima(y)                                   (all defaults)
#     auto_arima_xreg  auto.arima(y, xreg = cbind(deal, feat, price))  price = own price, price<brand>
#   Metric: MAPE (%) on units, pooled over every series, forecast week and round, skipping weeks absent
#   from the raw data and zero actuals (there are none: logmove is always finite).
#   Series run in parallel with parallel::mclapply(mc.cores = 2); the wall seconds of each model (all series,
#   all rounds) are recorded.
#
# Writes
#   tests/Research.Forecasting.Tests/Fixtures/oj_r/metrics.json
#       {"generator", "protocol", "points", "models": {name: {"mape", "seconds", "failures", "warnings"}},
#        "orders": {model: {"p,d,q": count over all series and rounds}}}
#   tests/Research.Forecasting.Tests/Fixtures/oj_r/forecasts.csv.gz
#       series ("store/brand"), round, week, actual (units; NA where the week is absent from the raw data),
#       then one column of forecast units per model (naive, mean, drift, auto_arima, auto_arima_xreg).
#
# How to run (from the repo root; about 15 minutes on 2 cores, see tests/reference/README.md):
#   Rscript tests/reference/oj_benchmark.R
#
# Written and run with R 4.2.2, forecast 8.20, jsonlite 1.8.4 (Debian r-base, r-cran-forecast,
# r-cran-jsonlite).

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
  library(parallel)
})

DATA <- "data/oj/yx.csv.gz"
OUT_DIR <- "tests/Research.Forecasting.Tests/Fixtures/oj_r"
if (!file.exists(DATA)) stop("run from the repo root: ", DATA, " not found")

FIRST_WEEK <- 40L
LAST_WEEK <- 160L
ROUNDS <- 10L
HORIZON <- 2L
GAP <- 2L
TRAIN_END <- 135L + 2L * (seq_len(ROUNDS) - 1L)   # 135, 137, ..., 153
CORES <- 2L

source("tests/reference/oj_prep.R")   # prep_oj(): the benchmark's grid 40..160, filled forward then backward

oj <- prep_oj(DATA, FIRST_WEEK, LAST_WEEK)
stopifnot(length(oj) == 913L)

# ---- models: each takes the training logmove (ts, frequency 1), the training xreg and the future xreg
# (3 rows) and returns the 3 point forecasts on the log scale ----
MODELS <- list(
  naive = function(y, x, xf) list(mean = naive(y, h = 3)$mean),
  mean = function(y, x, xf) list(mean = meanf(y, h = 3)$mean),
  drift = function(y, x, xf) list(mean = rwf(y, h = 3, drift = TRUE)$mean),
  auto_arima = function(y, x, xf) {
    fit <- auto.arima(y)
    list(mean = forecast(fit, h = 3)$mean, order = arimaorder(fit),
         intercept = "intercept" %in% names(coef(fit)), drift = "drift" %in% names(coef(fit)))
  },
  auto_arima_xreg = function(y, x, xf) {
    fit <- auto.arima(y, xreg = x)
    list(mean = forecast(fit, h = 3, xreg = xf)$mean, order = arimaorder(fit),
         intercept = "intercept" %in% names(coef(fit)), drift = "drift" %in% names(coef(fit)))
  }
)

# One series, one model, all rounds. Returns the 2 kept forecasts (log scale) per round, the chosen orders,
# and any error or warning messages.
run_series <- function(g, model) {
  n <- ROUNDS * HORIZON
  fc <- rep(NA_real_, n)
  orders <- character(0)
  errors <- character(0)
  warns <- character(0)
  for (r in seq_len(ROUNDS)) {
    train <- g$week <= TRAIN_END[r]
    fut <- g$week > TRAIN_END[r] & g$week <= TRAIN_END[r] + GAP + HORIZON - 1L
    y <- ts(g$logmove[train], frequency = 1)
    X <- cbind(deal = g$deal, feat = g$feat, price = g$price)
    res <- tryCatch(
      withCallingHandlers(model(y, X[train, , drop = FALSE], X[fut, , drop = FALSE]),
                          warning = function(w) {
                            warns <<- c(warns, sprintf("round %d: %s", r, conditionMessage(w)))
                            invokeRestart("muffleWarning")
                          }),
      error = function(e) {
        errors <<- c(errors, sprintf("round %d: %s", r, conditionMessage(e)))
        NULL
      })
    if (is.null(res)) next
    keep <- as.numeric(res$mean)[GAP:(GAP + HORIZON - 1L)]              # steps 2 and 3
    fc[(r - 1L) * HORIZON + seq_len(HORIZON)] <- keep
    if (!is.null(res$order)) {
      o <- res$order
      tag <- paste(o[["p"]], o[["d"]], o[["q"]], sep = ",")
      if (isTRUE(res$intercept)) tag <- paste0(tag, "+mean")
      if (isTRUE(res$drift)) tag <- paste0(tag, "+drift")
      orders <- c(orders, tag)
    }
  }
  list(fc = fc, orders = orders, errors = errors, warnings = warns)
}

# ---- the grid of (series, round, week) rows of the output ----
grid <- do.call(rbind, lapply(names(oj), function(k) {
  g <- oj[[k]]
  do.call(rbind, lapply(seq_len(ROUNDS), function(r) {
    wk <- TRAIN_END[r] + GAP + seq_len(HORIZON) - 1L                    # 137,138 + 2(r-1)
    row <- match(wk, g$week)
    data.frame(series = k, round = r, week = wk,
               actual = ifelse(g$present[row], round(exp(g$logmove[row])), NA_real_))
  }))
}))

results <- list()
for (name in names(MODELS)) {
  t0 <- proc.time()[["elapsed"]]
  out <- mclapply(oj, run_series, model = MODELS[[name]], mc.cores = CORES)
  secs <- proc.time()[["elapsed"]] - t0
  bad <- vapply(out, function(o) inherits(o, "try-error") || is.null(o$fc), logical(1))
  if (any(bad)) stop(name, ": worker failed for ", paste(names(oj)[bad], collapse = ", "))
  grid[[name]] <- exp(unlist(lapply(out, `[[`, "fc"), use.names = FALSE))
  errs <- unlist(lapply(names(out), function(k) if (length(out[[k]]$errors)) paste(k, out[[k]]$errors)))
  warns <- unlist(lapply(names(out), function(k) if (length(out[[k]]$warnings)) paste(k, out[[k]]$warnings)))
  orders <- unlist(lapply(out, `[[`, "orders"), use.names = FALSE)
  results[[name]] <- list(seconds = secs, errors = errs, warnings = warns, orders = orders)
  cat(sprintf("%-16s %8.1f s  errors %d  warnings %d\n", name, secs, length(errs), length(warns)))
  for (m in head(unique(c(errs, warns)), 10)) cat("   ", m, "\n")
}

# ---- metric ----
eval_rows <- !is.na(grid$actual) & grid$actual != 0
mape <- function(f) {
  ok <- eval_rows & is.finite(f)
  100 * mean(abs(f[ok] - grid$actual[ok]) / grid$actual[ok])
}

# ---- JSON helpers: numbers written with the fewest of 15/16/17 significant digits that read back (in R)
# as the same double ----
fmt_num <- function(x) {
  x <- as.numeric(x)
  s <- sprintf("%.15g", x)
  for (d in c(16L, 17L)) {
    redo <- is.finite(x) & suppressWarnings(as.numeric(s)) != x
    s[redo] <- sprintf(paste0("%.", d, "g"), x[redo])
  }
  s[!is.finite(x)] <- "null"
  s
}
jnum <- function(x) structure(fmt_num(x), class = "json")

generator <- list(
  script = "tests/reference/oj_benchmark.R",
  r = paste(R.version$major, R.version$minor, sep = "."),
  forecast = as.character(packageVersion("forecast")),
  jsonlite = as.character(packageVersion("jsonlite")),
  platform = R.version$platform,
  cores = CORES
)
protocol <- list(
  data = DATA,
  series = length(oj),
  target = "move = round(exp(logmove)); models fit logmove, forecasts back-transformed with exp()",
  grid = "weeks 40..160 completed per series, all columns filled forward then backward",
  first_week = FIRST_WEEK, last_week = 156L, rounds = ROUNDS, horizon = HORIZON, gap = GAP,
  train_end = TRAIN_END,
  forecast_weeks = lapply(seq_len(ROUNDS), function(r) TRAIN_END[r] + GAP + seq_len(HORIZON) - 1L),
  xreg = c("deal", "feat", "price (own price, price<brand>)"),
  metric = "MAPE (%) on units over all series, forecast weeks and rounds; weeks absent from the raw data skipped"
)
models_json <- lapply(names(MODELS), function(name) {
  r <- results[[name]]
  list(mape = jnum(mape(grid[[name]])), seconds = jnum(round(r$seconds, 2)),
       forecasts = sum(is.finite(grid[[name]])), failures = length(r$errors),
       warnings = length(r$warnings),
       messages = I(head(unique(sub("^round [0-9]+: ", "", c(r$errors, r$warnings))), 20)))
})
names(models_json) <- names(MODELS)
orders_json <- list()
for (name in names(MODELS)) {
  o <- results[[name]]$orders
  if (length(o)) {
    tab <- sort(table(o), decreasing = TRUE)
    orders_json[[name]] <- as.list(setNames(as.integer(tab), names(tab)))
  }
}
metrics <- list(
  generator = generator,
  protocol = protocol,
  points = list(rows = nrow(grid), evaluated = sum(eval_rows), absent = sum(is.na(grid$actual))),
  models = models_json,
  orders = orders_json
)

dir.create(OUT_DIR, recursive = TRUE, showWarnings = FALSE)
writeLines(toJSON(metrics, auto_unbox = TRUE, pretty = TRUE, json_verbatim = TRUE, digits = NA),
           file.path(OUT_DIR, "metrics.json"))
gz <- gzfile(file.path(OUT_DIR, "forecasts.csv.gz"), "w")
out_csv <- grid
for (name in names(MODELS)) out_csv[[name]] <- fmt_num(out_csv[[name]])
out_csv[names(MODELS)] <- lapply(out_csv[names(MODELS)], function(s) ifelse(s == "null", "NA", s))
write.csv(out_csv, gz, row.names = FALSE, quote = FALSE, na = "NA")
close(gz)

cat("\nMAPE (%) over", sum(eval_rows), "forecast points\n")
for (name in names(MODELS)) {
  cat(sprintf("%-16s %7.2f   %8.1f s\n", name, mape(grid[[name]]), results[[name]]$seconds))
}
