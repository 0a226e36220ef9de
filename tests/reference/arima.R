# Golden values for the C# ARIMA / AutoARIMA implementation, from R's forecast package.
#
# What it computes
#   fixed.json      Arima() with a given order on R's built-in series (AirPassengers, lynx, WWWusage,
#                   USAccDeaths) and on three orange-juice (OJ) series, with and without regressors, for the
#                   methods "CSS-ML" (the default), "ML" and "CSS": coefficients, sigma2, loglik, AIC/AICc/BIC,
#                   innovation residuals and forecasts with 80% / 95% intervals.
#   auto.json.gz    auto.arima() with default settings on AirPassengers, log(AirPassengers), lynx, WWWusage,
#                   USAccDeaths, and on the round-1 training window of every one of the 913 OJ series, once
#                   without regressors and once with xreg = cbind(deal, feat, price): the chosen model, its
#                   coefficients, forecasts with 95% intervals, the elapsed seconds of the auto.arima call, and
#                   ndiffs(y) (KPSS, alpha 0.05) / nsdiffs(y) for the seasonal built-ins.
#   Written to tests/Research.Forecasting.Tests/Fixtures/arima/ (auto.json.gz gzip-compressed). Every
#   number is written with the fewest of 15/16/17 significant digits that reads back in R as the same
#   double; NA (e.g. AIC of a CSS fit) is written as null.
#
# OJ preparation (the OJ benchmark's, see tests/reference/oj_benchmark.R): one series per store x brand,
#   completed to the weekly grid 40..160, every column filled forward then backward (leading gaps take the
#   first observation), own price = price<brand>. Models are fitted on logmove as a non-seasonal ts
#   (frequency 1). Round-1 training window = weeks 40..135 (96 points); the future regressors are the
#   filled rows of weeks 136.. (4 rows in fixed.json, h = 4; 3 rows in auto.json.gz, h = 3).
#
# How to run (from the repo root; about 3-4 minutes on one core, see tests/reference/README.md):
#   Rscript tests/reference/arima.R
#
# Written and run with R 4.2.2, forecast 8.20, jsonlite 1.8.4 (Debian r-base, r-cran-forecast,
# r-cran-jsonlite).

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

DATA <- "data/oj/yx.csv.gz"
OUT_DIR <- "tests/Research.Forecasting.Tests/Fixtures/arima"
if (!file.exists(DATA)) stop("run from the repo root: ", DATA, " not found")

source("tests/reference/oj_prep.R")   # prep_oj(): the benchmark's grid 40..160, filled forward then backward

TRAIN_END <- 135L
XREG_NAMES <- c("deal", "feat", "price")
oj <- prep_oj(DATA)
stopifnot(length(oj) == 913L)

oj_window <- function(key, h) {
  g <- oj[[key]]
  train <- g$week <= TRAIN_END
  fut <- g$week > TRAIN_END & g$week <= TRAIN_END + h
  X <- as.matrix(g[, XREG_NAMES])
  list(y = ts(g$logmove[train], frequency = 1),
       xreg = X[train, , drop = FALSE], xreg_future = X[fut, , drop = FALSE])
}

# ---- JSON helpers: numbers are formatted here and inserted verbatim (jsonlite alone keeps 15 digits) ----
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
json <- function(s) structure(s, class = "json")
jsc <- function(x) json(if (length(x) == 0L) "null" else fmt_num(x[[1]]))          # scalar
jvec <- function(x) json(paste0("[", paste(fmt_num(x), collapse = ","), "]"))      # array
jmat <- function(m) {                                                               # row-major rows
  if (is.null(m)) return(NULL)
  m <- as.matrix(m)
  json(paste0("[", paste(apply(m, 1, function(r) paste0("[", paste(fmt_num(r), collapse = ","), "]")),
                         collapse = ","), "]"))
}
to_json <- function(x, pretty = FALSE) {
  toJSON(x, auto_unbox = TRUE, null = "null", na = "null", json_verbatim = TRUE, digits = NA,
         pretty = pretty)
}

generator <- list(
  script = "tests/reference/arima.R",
  r = paste(R.version$major, R.version$minor, sep = "."),
  forecast = as.character(packageVersion("forecast")),
  jsonlite = as.character(packageVersion("jsonlite")),
  platform = R.version$platform,
  lapack = La_version()
)

# Runs expr, collecting warnings (muffled) instead of printing them.
with_warnings <- function(expr) {
  warns <- character(0)
  value <- withCallingHandlers(expr, warning = function(w) {
    warns <<- c(warns, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = unique(warns))
}

model_fields <- function(fit) {
  list(
    coef_names = I(as.character(names(coef(fit)))),
    coef = jvec(coef(fit)),
    sigma2 = jsc(fit$sigma2),
    loglik = jsc(fit$loglik),
    aic = jsc(fit$aic),
    aicc = jsc(fit$aicc),
    bic = jsc(fit$bic)
  )
}

# ======================================== fixed.json ========================================
fixed_case <- function(name, y, order, seasonal = c(0L, 0L, 0L), include_mean = FALSE,
                       include_drift = FALSE, method = "CSS-ML", xreg = NULL, xreg_future = NULL, h) {
  res <- with_warnings({
    fit <- Arima(y, order = order, seasonal = list(order = seasonal, period = frequency(y)),
                 include.mean = include_mean, include.drift = include_drift, method = method, xreg = xreg)
    fc <- forecast(fit, h = h, xreg = xreg_future, level = c(80, 95))
    list(fit = fit, fc = fc)
  })
  fit <- res$value$fit
  fc <- res$value$fc
  if (length(res$warnings)) cat("  warnings in", name, ":", res$warnings, sep = "\n    ")
  c(list(
    name = name,
    y = jvec(y),
    frequency = frequency(y),
    order = I(as.integer(order)),
    seasonal = I(as.integer(seasonal)),
    period = frequency(y),
    include_mean = include_mean,
    include_drift = include_drift,
    method = method,
    xreg = jmat(xreg),
    xreg_names = I(if (is.null(xreg)) character(0) else colnames(xreg))
  ), model_fields(fit), list(
    h = h,
    xreg_future = jmat(xreg_future),
    mean = jvec(fc$mean),
    lower80 = jvec(fc$lower[, 1]),
    upper80 = jvec(fc$upper[, 1]),
    lower95 = jvec(fc$lower[, 2]),
    upper95 = jvec(fc$upper[, 2]),
    residuals = jvec(residuals(fit)),
    warnings = I(res$warnings)
  ))
}

cat("fixed.json\n")
AP <- AirPassengers
logAP <- log(AirPassengers)
fixed <- list(
  fixed_case("AirPassengers_log_(0,1,1)(0,1,1)12", logAP, c(0, 1, 1), c(0, 1, 1), h = 24),
  fixed_case("AirPassengers_log_(0,1,1)(0,1,1)12_ML", logAP, c(0, 1, 1), c(0, 1, 1), method = "ML", h = 24),
  fixed_case("AirPassengers_(2,1,1)(0,1,0)12", AP, c(2, 1, 1), c(0, 1, 0), h = 24),
  fixed_case("USAccDeaths_(0,1,1)(0,1,1)12", USAccDeaths, c(0, 1, 1), c(0, 1, 1), h = 24),
  fixed_case("USAccDeaths_(1,1,1)(0,1,1)12", USAccDeaths, c(1, 1, 1), c(0, 1, 1), h = 24),
  fixed_case("USAccDeaths_(0,1,1)(0,1,1)12_CSS", USAccDeaths, c(0, 1, 1), c(0, 1, 1), method = "CSS", h = 24),
  fixed_case("lynx_(2,0,0)_mean", lynx, c(2, 0, 0), include_mean = TRUE, h = 10),
  fixed_case("lynx_(4,0,0)_mean", lynx, c(4, 0, 0), include_mean = TRUE, h = 10),
  fixed_case("lynx_(2,0,0)_mean_ML", lynx, c(2, 0, 0), include_mean = TRUE, method = "ML", h = 10),
  fixed_case("lynx_(2,0,0)_mean_CSS", lynx, c(2, 0, 0), include_mean = TRUE, method = "CSS", h = 10),
  fixed_case("WWWusage_(1,1,1)", WWWusage, c(1, 1, 1), h = 10),
  fixed_case("WWWusage_(3,1,0)", WWWusage, c(3, 1, 0), h = 10),
  fixed_case("WWWusage_(1,1,0)_drift", WWWusage, c(1, 1, 0), include_drift = TRUE, h = 10),
  fixed_case("WWWusage_(1,1,1)_CSS", WWWusage, c(1, 1, 1), method = "CSS", h = 10)
)
for (key in c("2/1", "5/7", "137/11")) {
  w <- oj_window(key, h = 4)
  tag <- paste0("oj_", key)
  fixed <- c(fixed, list(
    fixed_case(paste0(tag, "_(1,0,0)_mean"), w$y, c(1, 0, 0), include_mean = TRUE, h = 4),
    fixed_case(paste0(tag, "_(0,1,1)"), w$y, c(0, 1, 1), h = 4),
    fixed_case(paste0(tag, "_(2,1,0)_drift"), w$y, c(2, 1, 0), include_drift = TRUE, h = 4),
    fixed_case(paste0(tag, "_(1,0,0)_mean_xreg"), w$y, c(1, 0, 0), include_mean = TRUE,
               xreg = w$xreg, xreg_future = w$xreg_future, h = 4),
    fixed_case(paste0(tag, "_(0,1,1)_xreg"), w$y, c(0, 1, 1),
               xreg = w$xreg, xreg_future = w$xreg_future, h = 4)
  ))
}
dir.create(OUT_DIR, recursive = TRUE, showWarnings = FALSE)
writeLines(to_json(list(generator = generator, cases = fixed)), file.path(OUT_DIR, "fixed.json"))
cat(length(fixed), "fixed cases\n")

# ======================================== auto.json.gz ========================================
auto_case <- function(name, y, h, xreg = NULL, xreg_future = NULL, extra = list()) {
  warns <- character(0)
  t0 <- proc.time()[["elapsed"]]
  fit <- tryCatch(
    withCallingHandlers(auto.arima(y, xreg = xreg), warning = function(w) {
      warns <<- c(warns, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    error = function(e) e)
  secs <- proc.time()[["elapsed"]] - t0
  head_fields <- list(
    name = name,
    y = jvec(y),
    frequency = frequency(y),
    xreg = jmat(xreg),
    xreg_names = I(if (is.null(xreg)) character(0) else colnames(xreg)),
    xreg_future = jmat(xreg_future),
    h = h
  )
  if (inherits(fit, "error")) {
    cat("  auto.arima failed on", name, ":", conditionMessage(fit), "\n")
    return(c(head_fields, list(error = conditionMessage(fit), seconds = jsc(round(secs, 3))), extra))
  }
  fc <- with_warnings(forecast(fit, h = h, xreg = xreg_future, level = 95))
  ao <- arimaorder(fit)
  cf <- names(coef(fit))
  c(head_fields, list(
    order = I(as.integer(ao[c("p", "d", "q")])),
    seasonal = I(if (length(ao) > 3) as.integer(ao[c("P", "D", "Q")]) else c(0L, 0L, 0L)),
    period = as.integer(fit$arma[5]),
    include_mean = "intercept" %in% cf,
    include_drift = "drift" %in% cf
  ), model_fields(fit), list(
    mean = jvec(fc$value$mean),
    lower95 = jvec(fc$value$lower[, 1]),
    upper95 = jvec(fc$value$upper[, 1]),
    seconds = jsc(round(secs, 3)),
    warnings = I(unique(c(warns, fc$warnings)))
  ), extra)
}

cat("auto.json.gz\n")
builtins <- list(AirPassengers = AirPassengers, `log(AirPassengers)` = log(AirPassengers), lynx = lynx,
                 WWWusage = WWWusage, USAccDeaths = USAccDeaths)
auto <- list()
for (nm in names(builtins)) {
  y <- builtins[[nm]]
  extra <- list(ndiffs = ndiffs(y))
  if (frequency(y) > 1) extra$nsdiffs <- nsdiffs(y)
  auto[[length(auto) + 1L]] <- auto_case(nm, y, h = if (frequency(y) == 12) 24L else 10L, extra = extra)
}
t_start <- proc.time()[["elapsed"]]
for (key in names(oj)) {
  w <- oj_window(key, h = 3)
  nd <- ndiffs(w$y)
  # the differencing auto.arima itself uses with xreg: ndiffs of the residuals of lm(y ~ xreg)
  nd_resid <- ndiffs(ts(residuals(lm(as.numeric(w$y) ~ w$xreg)), frequency = 1))
  auto[[length(auto) + 1L]] <- auto_case(paste0("oj_", key), w$y, h = 3L,
                                         extra = list(series = key, ndiffs = nd))
  auto[[length(auto) + 1L]] <- auto_case(paste0("oj_", key, "_xreg"), w$y, h = 3L, xreg = w$xreg,
                                         xreg_future = w$xreg_future,
                                         extra = list(series = key, ndiffs = nd, ndiffs_xreg_residuals = nd_resid))
}
cat(sprintf("OJ: %d auto.arima fits in %.1f s\n", 2L * length(oj), proc.time()[["elapsed"]] - t_start))
gz <- gzfile(file.path(OUT_DIR, "auto.json.gz"), "w")
writeLines(to_json(list(generator = generator, cases = auto)), gz)
close(gz)
cat(length(auto), "auto cases\n")

# summary: chosen orders of the OJ cases
ojc <- Filter(function(cs) startsWith(cs$name, "oj_") && is.null(cs$error), auto)
lab <- vapply(ojc, function(cs) {
  s <- paste0("(", paste(cs$order, collapse = ","), ")")
  if (cs$include_mean) s <- paste0(s, "+mean")
  if (cs$include_drift) s <- paste0(s, "+drift")
  s
}, "")
kind <- ifelse(grepl("_xreg$", vapply(ojc, `[[`, "", "name")), "xreg", "plain")
print(table(order = lab, kind = kind))
nw <- sum(vapply(auto, function(cs) length(cs$warnings), 0L) > 0)
cat(nw, "auto cases with warnings;", sum(vapply(auto, function(cs) !is.null(cs$error), TRUE)), "failed\n")
