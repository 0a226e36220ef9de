# The orange-juice (OJ) benchmark's data preparation, shared by the R reference scripts (sourced, not run).
# One data.frame per store x brand on the full weekly grid first..last (40..160), every column filled forward
# then backward. Every raw row is complete (no NA in the file), so filling all columns is the same as taking,
# for each grid week, the last raw row at or before it (or, for leading gaps, the first raw row).
# Adds `present` (the week was in the raw file) and `price` (own price = price<brand>); names are "store/brand".
prep_oj <- function(path, first = 40L, last = 160L) {
  raw <- read.csv(path)
  raw <- raw[order(raw$store, raw$brand, raw$week), ]
  keys <- unique(raw[, c("store", "brand")])
  weeks <- first:last
  out <- vector("list", nrow(keys))
  for (i in seq_len(nrow(keys))) {
    s <- raw[raw$store == keys$store[i] & raw$brand == keys$brand[i], ]
    idx <- match(weeks, s$week)
    present <- !is.na(idx)
    last_seen <- cummax(ifelse(present, seq_along(idx), 0L))           # forward fill
    filled <- ifelse(last_seen > 0L, idx[pmax(last_seen, 1L)], NA_integer_)
    filled[is.na(filled)] <- idx[which(present)[1]]                   # backward fill of leading gaps
    g <- s[filled, ]
    g$week <- weeks
    g$present <- present
    g$price <- g[[paste0("price", keys$brand[i])]]                    # own price
    rownames(g) <- NULL
    out[[i]] <- g
  }
  names(out) <- paste0(keys$store, "/", keys$brand)
  out
}
