// Command capacityr compares the forecasts of package capacity with R's
// stats::HoltWinters and forecast::ets, the tools capacity planners use,
// on 20 reference series (ISO/IEC 20000-1:2011, 6.5: procedures for
// predictive analysis). It is run by hand, not by go test:
//
//	apt-get install -y r-base-core r-cran-forecast
//	go run ./examples/capacityr
//
// The series: 14 public ones shipped with R (datasets and forecast:
// AirPassengers, co2, nottem, UKgas, USAccDeaths, ldeaths, mdeaths,
// fdeaths, JohnsonJohnson, UKDriverDeaths, gas, wineind, woolyrnq and the
// half-hourly electricity demand taylor), exported by R so that both sides
// see the same values, and 6 synthetic hourly utilisation series drawn here
// with a fixed seed. For each, the last h points (one season; two for
// quarterly series) are held out; R and the library fit the rest and
// forecast h steps; the table gives each side's RMSE and MAPE on the
// held-out points and its time to fit and forecast (R's measured inside R,
// without start-up). The library runs twice: Holt-Winters additive, as R's
// HoltWinters default, and with the method chosen by its own held-out error,
// as ets chooses by AICc.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/smskit/iso20000/capacity"
)

const rScript = `
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
L <- list()
add <- function(name, x, f, h) L[[length(L) + 1]] <<- list(name = name, x = as.numeric(x), f = f, h = h)
add("AirPassengers", AirPassengers, 12, 12)
add("co2", co2, 12, 12)
add("nottem", nottem, 12, 12)
add("UKgas", UKgas, 4, 8)
add("USAccDeaths", USAccDeaths, 12, 12)
add("ldeaths", ldeaths, 12, 12)
add("mdeaths", mdeaths, 12, 12)
add("fdeaths", fdeaths, 12, 12)
add("JohnsonJohnson", JohnsonJohnson, 4, 8)
add("UKDriverDeaths", UKDriverDeaths, 12, 12)
add("gas", forecast::gas, 12, 12)
add("wineind", forecast::wineind, 12, 12)
add("woolyrnq", forecast::woolyrnq, 4, 8)
add("taylor", forecast::taylor, 336, 336)
for (line in readLines(args[1])) {
  p <- strsplit(line, ",")[[1]]
  add(p[1], as.numeric(p[-(1:3)]), as.integer(p[2]), as.integer(p[3]))
}
con <- file(args[2], "w")
for (s in L) writeLines(paste(c(s$name, s$f, s$h, format(s$x, digits = 17)), collapse = ","), con)
close(con)
acc <- function(a, f) {
  if (any(is.na(f))) return(c(NA, NA))
  e <- a - f
  c(sqrt(mean(e^2)), 100 * mean(abs(e / a)[a != 0]))
}
timed <- function(fun) {
  reps <- 0; t0 <- proc.time()[["elapsed"]]; r <- NULL
  repeat {
    r <- fun(); reps <- reps + 1
    el <- proc.time()[["elapsed"]] - t0
    if (el > 0.2 || reps >= 20) break
  }
  list(r = r, secs = el / reps)
}
con <- file(args[3], "w")
for (s in L) {
  n <- length(s$x); tr <- ts(s$x[1:(n - s$h)], frequency = s$f); te <- s$x[(n - s$h + 1):n]
  hw <- timed(function() tryCatch(as.numeric(predict(HoltWinters(tr), s$h)), error = function(e) rep(NA, s$h)))
  et <- timed(function() tryCatch(suppressWarnings({
    m <- ets(tr); list(f = as.numeric(forecast(m, h = s$h)$mean), m = m$method) }),
    error = function(e) list(f = rep(NA, s$h), m = "failed")))
  a1 <- acc(te, hw$r); a2 <- acc(te, et$r$f)
  writeLines(paste(s$name, a1[1], a1[2], hw$secs, a2[1], a2[2], et$secs, gsub(",", "", et$r$m), sep = ","), con)
}
close(con)
`

type series struct {
	name string
	f, h int
	x    []float64
}

// synthetic draws the six hourly utilisation series.
func synthetic() []series {
	rng := rand.New(rand.NewPCG(20000, 65))
	mk := func(name string, n int, fn func(t int) float64) series {
		s := series{name: name, f: 24, h: 24, x: make([]float64, n)}
		for t := range s.x {
			s.x[t] = fn(t)
		}
		return s
	}
	day := func(t int) float64 { return math.Sin(2 * math.Pi * float64(t%24) / 24) }
	week := func(t int) float64 {
		if d := (t / 24) % 7; d >= 5 {
			return 0.6
		}
		return 1
	}
	return []series{
		mk("cpu-additive", 24*7*6, func(t int) float64 { return 40 + 0.01*float64(t) + 15*day(t) + 2*rng.NormFloat64() }),
		mk("cpu-multiplicative", 24*7*6, func(t int) float64 {
			return (30 + 0.02*float64(t)) * (1 + 0.4*day(t)) * (1 + 0.03*rng.NormFloat64())
		}),
		mk("storage-growth", 24*7*4, func(t int) float64 { return 500 + 0.3*float64(t) + 3*day(t) + rng.NormFloat64() }),
		mk("web-weekly", 24*7*8, func(t int) float64 { return (200 + 80*day(t)) * week(t) * (1 + 0.05*rng.NormFloat64()) }),
		mk("queue-noisy", 24*7*4, func(t int) float64 { return 20 + 5*day(t) + 6*rng.NormFloat64() }),
		mk("tickets-shift", 24*7*6, func(t int) float64 {
			base := 10.0
			if t > 24*7*3 {
				base = 14
			}
			return math.Max(0, base+4*day(t)+1.5*rng.NormFloat64())
		}),
	}
}

func main() {
	keep := flag.Bool("keep", false, "keep the temporary directory with the series and R's results")
	refit := flag.Bool("refit", false, "refit the chosen method on all training points (capacity.Options.Refit)")
	reuse := flag.String("reuse", "", "a directory kept by an earlier run (-keep): use its series and R's results, without running R")
	flag.Parse()
	dir := *reuse
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "capacityr"); err != nil {
			log.Fatal(err)
		}
		if *keep {
			log.Printf("keeping %s", dir)
		} else {
			defer os.RemoveAll(dir)
		}
	}
	synth, all, rres := filepath.Join(dir, "synthetic.csv"), filepath.Join(dir, "series.csv"), filepath.Join(dir, "r.csv")
	var b strings.Builder
	for _, s := range synthetic() {
		fmt.Fprintf(&b, "%s,%d,%d", s.name, s.f, s.h)
		for _, v := range s.x {
			fmt.Fprintf(&b, ",%s", strconv.FormatFloat(v, 'g', 17, 64))
		}
		b.WriteByte('\n')
	}
	if *reuse == "" {
		if err := os.WriteFile(synth, []byte(b.String()), 0o644); err != nil {
			log.Fatal(err)
		}
		script := filepath.Join(dir, "fit.R")
		if err := os.WriteFile(script, []byte(rScript), 0o644); err != nil {
			log.Fatal(err)
		}
		start := time.Now()
		cmd := exec.Command("Rscript", script, synth, all, rres)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("Rscript: %v (install r-base-core and r-cran-forecast)", err)
		}
		log.Printf("R done in %s", time.Since(start).Round(time.Millisecond))
	}
	ss := readSeries(all)
	rr := readLines(rres)

	fmt.Printf("%-18s %5s %4s %4s | %9s %9s %9s %9s | %7s %7s %7s %7s | %9s %9s %9s %9s | %s\n",
		"series", "n", "m", "h", "R-HW", "R-ets", "lib-HWA", "lib-auto", "R-HW%", "ets%", "HWA%", "auto%", "t R-HW", "t R-ets", "t HWA", "t auto", "ets model / lib choice")
	var ratioHW, ratioETS, ratioHWA, ratioETSSeasonal []float64
	var sumRHW, sumRETS, sumHWA, sumAuto float64
	for i, s := range ss {
		r := rr[i]
		if r[0] != s.name {
			log.Fatalf("R results out of order: %s vs %s", r[0], s.name)
		}
		f := func(k int) float64 {
			v, err := strconv.ParseFloat(r[k], 64)
			if err != nil {
				return math.NaN()
			}
			return v
		}
		rhw, rhwMAPE, rhwT, rets, retsMAPE, retsT := f(1), f(2), f(3), f(4), f(5), f(6)
		n := len(s.x)
		train, test := s.x[:n-s.h], s.x[n-s.h:]
		periods := []int{s.f}
		if s.f == 24 || s.f == 48 {
			periods = capacity.DefaultPeriods(24 * time.Hour / time.Duration(s.f))
		}
		if s.f == 336 {
			periods = []int{48, 336}
		}
		hwa, hwaT := run(train, s.h, &capacity.Options{Method: capacity.MethodHoltWintersAdditive, Periods: []int{s.f}, Refit: *refit})
		auto, autoT := run(train, s.h, &capacity.Options{Periods: periods, Refit: *refit})
		ah, aa := capacity.Measure(test, hwa.Bands), capacity.Measure(test, auto.Bands)
		fmt.Printf("%-18s %5d %4d %4d | %9.3f %9.3f %9.3f %9.3f | %7.2f %7.2f %7.2f %7.2f | %9s %9s %9s %9s | %s / %s(%d)\n",
			s.name, n, s.f, s.h, rhw, rets, ah.RMSE, aa.RMSE, rhwMAPE, retsMAPE, ah.MAPE, aa.MAPE,
			dur(rhwT), dur(retsT), dur(hwaT), dur(autoT), r[7], auto.Model.Method, auto.Model.Period)
		if !math.IsNaN(rhw) {
			ratioHW = append(ratioHW, aa.RMSE/rhw)
			ratioHWA = append(ratioHWA, ah.RMSE/rhw)
		}
		if !math.IsNaN(rets) {
			ratioETS = append(ratioETS, aa.RMSE/rets)
			if s.f <= 24 {
				ratioETSSeasonal = append(ratioETSSeasonal, aa.RMSE/rets)
			}
		}
		sumRHW += rhwT
		sumRETS += retsT
		sumHWA += hwaT
		sumAuto += autoT
	}
	fmt.Println()
	fmt.Printf("held-out RMSE ratio, library / R (mean over series; geometric mean in brackets; below 1 is better):\n")
	fmt.Printf("  lib HW additive / R HoltWinters: %.3f (%.3f) over %d series\n", mean(ratioHWA), gmean(ratioHWA), len(ratioHWA))
	fmt.Printf("  lib auto        / R HoltWinters: %.3f (%.3f) over %d series\n", mean(ratioHW), gmean(ratioHW), len(ratioHW))
	fmt.Printf("  lib auto        / R ets:         %.3f (%.3f) over %d series\n", mean(ratioETS), gmean(ratioETS), len(ratioETS))
	fmt.Printf("  lib auto        / R ets, only series ets fits with a season (m ≤ 24): %.3f (%.3f) over %d series\n", mean(ratioETSSeasonal), gmean(ratioETSSeasonal), len(ratioETSSeasonal))
	fmt.Printf("total time to fit and forecast all series: R HoltWinters %s, R ets %s, lib HW additive %s, lib auto %s\n",
		dur(sumRHW), dur(sumRETS), dur(sumHWA), dur(sumAuto))
	fmt.Printf("speed-up: lib HW additive %.1f× R HoltWinters; lib auto %.1f× R ets\n", sumRHW/sumHWA, sumRETS/sumAuto)
}

// run forecasts with the library, timing the mean of enough repetitions to
// take 50 ms.
func run(y []float64, h int, opt *capacity.Options) (*capacity.Result, float64) {
	var r *capacity.Result
	var err error
	reps := 0
	start := time.Now()
	for reps == 0 || (time.Since(start) < 50*time.Millisecond && reps < 1000) {
		r, err = capacity.ForecastValues(y, h, opt)
		if err != nil {
			log.Fatal(err)
		}
		reps++
	}
	return r, time.Since(start).Seconds() / float64(reps)
}

func dur(secs float64) string {
	if math.IsNaN(secs) {
		return "n/a"
	}
	return time.Duration(secs * float64(time.Second)).Round(time.Microsecond).String()
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func gmean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += math.Log(x)
	}
	return math.Exp(s / float64(len(xs)))
}

func readLines(path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" {
			out = append(out, strings.Split(t, ","))
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return out
}

func readSeries(path string) []series {
	var out []series
	for _, p := range readLines(path) {
		s := series{name: p[0]}
		s.f, _ = strconv.Atoi(p[1])
		s.h, _ = strconv.Atoi(p[2])
		for _, v := range p[3:] {
			x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				log.Fatalf("%s: %v", s.name, err)
			}
			s.x = append(s.x, x)
		}
		out = append(out, s)
	}
	return out
}
