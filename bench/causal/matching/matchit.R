# Times R MatchIt 1:1 nearest-neighbour matching (defaults: glm propensity, no replacement, ATT, largest first)
# on the file written by MatchingBench. Usage: Rscript matchit.R data.csv
suppressMessages(library(MatchIt))
d <- read.csv(commandArgs(TRUE)[1])
f <- as.formula(paste("t ~", paste(paste0("x", 1:10), collapse = " + ")))
tm <- system.time(m <- matchit(f, data = d, method = "nearest"))
md <- match.data(m)
att <- with(md, weighted.mean(y[t == 1], weights[t == 1]) - weighted.mean(y[t == 0], weights[t == 0]))
cat(sprintf("MatchIt %s nearest 1:1: N=%d, %.3f s elapsed; ATT %.4f\n", packageVersion("MatchIt"), nrow(d), tm[["elapsed"]], att))
