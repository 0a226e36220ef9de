# Golden values for Research.Forecasting.Diagnostics (ACF, PACF, Ljung-Box).
# Run from the repository root:  Rscript tests/reference/diagnostics.R
# Writes tests/Research.Forecasting.Tests/Fixtures/diagnostics/diagnostics.json (R stats: acf, pacf, Box.test).
suppressPackageStartupMessages(library(jsonlite))
y1 <- as.numeric(lynx)
y2 <- as.numeric(diff(log(AirPassengers)))
y3 <- as.numeric(WWWusage); y3[c(10, 11, 40)] <- NA
case <- function(name, y, lags, fitdf) list(name = name, y = y, lags = lags,
  acf = as.numeric(acf(y, lag.max = lags, plot = FALSE, na.action = na.pass)$acf),
  pacf = as.numeric(pacf(y, lag.max = lags, plot = FALSE, na.action = na.pass)$acf),
  ljung_box = list(fitdf = fitdf, statistic = unname(Box.test(y, lag = lags, type = "Ljung-Box", fitdf = fitdf)$statistic),
                   p_value = Box.test(y, lag = lags, type = "Ljung-Box", fitdf = fitdf)$p.value))
out <- list(generator = list(script = "tests/reference/diagnostics.R", r = R.version.string),
  cases = list(case("lynx", y1, 20, 2), case("diff_log_AirPassengers", y2, 24, 0), case("WWWusage_with_NA", y3, 15, 0)))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"),
  "tests/Research.Forecasting.Tests/Fixtures/diagnostics/diagnostics.json")
