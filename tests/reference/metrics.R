#!/usr/bin/env Rscript
# R forecast oracle for the Diebold-Mariano test and MASE (called by tests/reference/metrics.py).
#
# Usage: Rscript tests/reference/metrics.R <input.json> <output.tsv>
#   input:  {"dm": [{"name", "e1", "e2", "alternative", "h", "power"}],
#            "mase": [{"name", "training", "actual", "forecast", "m"}]}   (null = NA)
#   output: one line per value, "<case>\t<key>\t<value>", values printed with %.17g (round-trip exact).
#
# DM:   forecast::dm.test(e1, e2, alternative, h, power) with the default varestimator = "acf".
#       A warning (variance not positive -> retried with h = 1) is caught and reported as key "warning";
#       "h" is the horizon R actually used (its returned parameter).
# MASE: forecast::accuracy() on a "forecast" object whose $x is the training series as ts(frequency = m)
#       and whose $mean holds the forecasts, with the test values as a plain vector, so the scale is
#       mean(abs(diff(x, lag = m)), na.rm = TRUE) -- D = 1, d = 0 for m > 1 and d = 1, D = 0 for m = 1,
#       i.e. the in-sample (seasonal) naive MAE -- and MASE = mean(abs(error / scale), na.rm = TRUE).
#
# Written and run with R 4.2.2, forecast 8.20, jsonlite 1.8.4.
suppressMessages({
  library(forecast)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
input <- fromJSON(args[1], simplifyVector = FALSE)
out <- character()
emit <- function(case, key, value) {
  out <<- c(out, paste(case, key, if (is.character(value)) value else sprintf("%.17g", value), sep = "\t"))
}
num <- function(xs) vapply(xs, function(v) if (is.null(v)) NA_real_ else as.numeric(v), numeric(1))

for (c in input$dm) {
  e1 <- num(c$e1)
  e2 <- num(c$e2)
  warned <- ""
  r <- withCallingHandlers(
    dm.test(e1, e2, alternative = c$alternative, h = c$h, power = c$power),
    warning = function(w) {
      warned <<- conditionMessage(w)
      invokeRestart("muffleWarning")
    })
  emit(c$name, "statistic", unname(r$statistic))
  emit(c$name, "p_value", r$p.value)
  emit(c$name, "h", unname(r$parameter[1]))
  emit(c$name, "power", unname(r$parameter[2]))
  emit(c$name, "warning", warned)
}

for (c in input$mase) {
  m <- c$m
  training <- ts(num(c$training), frequency = m)
  fc <- structure(list(mean = ts(num(c$forecast), frequency = m), x = training), class = "forecast")
  actual <- num(c$actual)
  # test = all positions: test-set measures only (no fitted values, so no training-set row)
  acc <- if (m > 1) accuracy(fc, actual, test = seq_along(actual), d = 0, D = 1)
         else accuracy(fc, actual, test = seq_along(actual), d = 1, D = 0)
  emit(c$name, "mase", acc["Test set", "MASE"])
  emit(c$name, "mae", acc["Test set", "MAE"])
  emit(c$name, "rmse", acc["Test set", "RMSE"])
}

writeLines(out, args[2])
