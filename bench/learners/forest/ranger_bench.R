# ranger side of bench/learners/forest/run.sh. Usage: Rscript ranger_bench.R CSV TREES MTRY MIN_NODE REPLACE FRACTION THREADS
suppressMessages(library(ranger))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1])
trees <- as.integer(a[2]); mtry <- as.integer(a[3]); mns <- as.integer(a[4])
replace <- a[5] == "1"; fraction <- as.numeric(a[6]); threads <- as.integer(a[7])
p0 <- proc.time(); t0 <- p0[["elapsed"]]
f <- ranger(y ~ ., data = d, num.trees = trees, mtry = mtry, min.node.size = mns, replace = replace,
            sample.fraction = fraction, num.threads = threads, seed = 1, verbose = FALSE)
p1 <- proc.time(); secs <- p1[["elapsed"]] - t0
cpu <- (p1[["user.self"]] + p1[["sys.self"]]) - (p0[["user.self"]] + p0[["sys.self"]])
ok <- !is.na(f$predictions)
r2 <- 1 - sum((d$y[ok] - f$predictions[ok])^2) / sum((d$y[ok] - mean(d$y[ok]))^2)
cat(sprintf("ranger %s rows=%d trees=%d mtry=%d min_node=%d replace=%s fraction=%g threads=%d: train %.2f s (fit CPU %.2f s), OOB R2 %.4f\n",
            as.character(packageVersion("ranger")), nrow(d), trees, mtry, mns, replace, fraction, threads, secs, cpu, r2))
