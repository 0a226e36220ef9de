# Golden values for the baseline models (Research.Forecasting.Models.Baselines).
# Run from the repository root:  Rscript tests/reference/baselines.R
# Writes tests/Research.Forecasting.Tests/Fixtures/baselines/baselines.json
# R forecast 8.20: meanf, naive, rwf(drift = TRUE), snaive with 80/95% intervals; AR(p) by OLS with lm().
suppressPackageStartupMessages({ library(forecast); library(jsonlite) })

oj <- read.csv(gzfile("data/oj/yx.csv.gz"))
s <- oj[oj$store == 2 & oj$brand == 1, ]
grid <- data.frame(week = 40:160)
s <- merge(grid, s, all.x = TRUE)
fill <- function(v) { v <- zoo::na.locf(v, na.rm = FALSE); zoo::na.locf(v, fromLast = TRUE) }
oj_logmove <- fill(s$logmove)[s$week <= 135]

series <- list(
  WWWusage = list(y = as.numeric(WWWusage), m = 1),
  AirPassengers = list(y = as.numeric(AirPassengers), m = 12),
  lynx = list(y = as.numeric(lynx), m = 1),
  oj_2_1_logmove = list(y = oj_logmove, m = 1)
)

pack <- function(f) list(mean = as.numeric(f$mean),
  lower80 = as.numeric(f$lower[, 1]), upper80 = as.numeric(f$upper[, 1]),
  lower95 = as.numeric(f$lower[, 2]), upper95 = as.numeric(f$upper[, 2]))

ar_ols <- function(y, p, h) {
  n <- length(y)
  X <- sapply(1:p, function(i) y[(p - i + 1):(n - i)])
  fit <- lm(y[(p + 1):n] ~ X)
  b <- unname(coef(fit))
  path <- tail(y, p)
  for (k in 1:h) path <- c(path, b[1] + sum(b[-1] * rev(tail(path, p))))
  list(order = p, intercept = b[1], phi = b[-1], sigma = summary(fit)$sigma, mean = tail(path, h))
}

cases <- lapply(names(series), function(name) {
  y <- series[[name]]$y; m <- series[[name]]$m; h <- 12
  out <- list(name = name, y = y, m = m, h = h,
    mean = pack(meanf(y, h = h)), naive = pack(naive(y, h = h)),
    drift = pack(rwf(y, h = h, drift = TRUE)),
    ar1 = ar_ols(y, 1, h), ar3 = ar_ols(y, 3, h))
  if (m > 1) out$snaive <- pack(snaive(ts(y, frequency = m), h = h))
  out
})

# the textbook example: ten points, AR(1) by OLS, forecast the 11th
ten <- c(12, 15, 14, 16, 18, 17, 20, 21, 19, 23)
textbook <- ar_ols(ten, 1, 1)

dir.create("tests/Research.Forecasting.Tests/Fixtures/baselines", showWarnings = FALSE, recursive = TRUE)
writeLines(toJSON(list(
  generator = list(script = "tests/reference/baselines.R", r = R.version.string, forecast = as.character(packageVersion("forecast"))),
  cases = cases, textbook = c(list(y = ten), textbook)),
  auto_unbox = TRUE, digits = NA, pretty = TRUE),
  "tests/Research.Forecasting.Tests/Fixtures/baselines/baselines.json")
cat("wrote tests/Research.Forecasting.Tests/Fixtures/baselines/baselines.json\n")
