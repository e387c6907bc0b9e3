# The classical anchors of ../shared/data/ANCHORS.md on a history file, for `npm run bench:forecast:anchors`.
# usage: Rscript anchors.R history.csv first_forecast_day(YYYY-MM-DD) horizon methods(theta,ets,arima,prophet) out.csv
# Same set-up as ANCHORS.md: each item on a daily grid (missing days = 0) as a weekly ts; P10/P90 = the 80%
# interval; Prophet with its default seasonalities; everything clipped at 0; items with < 14 days are left out.
# Needs Debian's r-cran-forecast (and r-cran-prophet for prophet).
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(forecast))
d <- read.csv(args[1], stringsAsFactors = FALSE)
origin <- as.Date(args[2]); H <- as.integer(args[3]); methods <- strsplit(args[4], ",")[[1]]; out <- args[5]
if ("prophet" %in% methods) suppressMessages(library(prophet))
d$date <- as.Date(d$date)
res <- list()
for (id in unique(d$item_id)) {
  h <- d[d$item_id == id & d$date < origin, ]
  if (nrow(h) < 14) next
  days <- seq(min(h$date), origin - 1, by = "day")
  y <- rep(0, length(days)); y[match(h$date, days)] <- h$qty
  fdates <- seq(origin, origin + H - 1, by = "day")
  for (m in methods) {
    if (m == "prophet") {
      mod <- suppressMessages(prophet(data.frame(ds = days, y = y), interval.width = 0.8))
      fc <- predict(mod, data.frame(ds = fdates))
      lo <- fc$yhat_lower; mu <- fc$yhat; hi <- fc$yhat_upper
    } else {
      yt <- ts(y, frequency = 7)
      f <- switch(m,
        theta = thetaf(yt, h = H, level = 80),
        ets = forecast(ets(yt), h = H, level = 80),
        arima = forecast(auto.arima(yt), h = H, level = 80),
        stop(paste("unknown method", m)))
      lo <- f$lower[, 1]; mu <- f$mean; hi <- f$upper[, 1]
    }
    res[[length(res) + 1]] <- data.frame(method = m, item_id = id, date = format(fdates),
      p10 = pmax(0, as.numeric(lo)), p50 = pmax(0, as.numeric(mu)), p90 = pmax(0, as.numeric(hi)))
  }
}
write.csv(do.call(rbind, res), out, row.names = FALSE)
