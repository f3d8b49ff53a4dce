// Command capacityr compares the forecasts of package capacity with R's
// stats::HoltWinters and forecast::ets, the tools capacity planners use,
// on 20 reference series (ISO/IEC 20000-1:2011, 6.5: procedures for
// predictive analysis). It is run by hand, not by go test:
//
//	apt-get install -y r-base-core r-cran-forecast
//	go run ./examples/capacityr -keep
//
// The series: 14 public ones shipped with R (datasets and forecast:
// AirPassengers, co2, nottem, UKgas, USAccDeaths, ldeaths, mdeaths,
// fdeaths, JohnsonJohnson, UKDriverDeaths, gas, wineind, woolyrnq and the
// half-hourly electricity demand taylor), exported by R so that both sides
// see the same values, and 6 synthetic hourly utilisation series drawn here
// with a fixed seed. For each, the last h points (one season; two for
// quarterly series) are held out and both sides fit the rest and forecast
// h steps with 95 % intervals.
//
// For each series and method the table gives, library beside R: the
// in-sample SSE (R's definition for Holt-Winters: errors from the second
// season on), the RMSE and MAPE on the held-out points, the share of them
// inside the 95 % intervals, and the time to fit and forecast (R's measured
// inside R, without start-up). The methods: Holt-Winters additive and
// multiplicative (capacity.FitSpec beside HoltWinters), the state-space
// family by AICc (beside ets), and the library's default forecast
// (capacity.ForecastValues: the combination of its three best candidates
// on an inner held-out season) and its single best candidate
// (Options.Single), both beside the best of R's three on the outer
// held-out points, an oracle choice. R and the library run -repeats times,
// alternating, and the times are the medians; the load average is logged
// before each run, since the machines are shared. -seed draws the six
// synthetic series from another seed (R is run on them too), to check that
// a change of the library is not tuned to the six of RESULTS.md; -reuse
// runs the library alone on the series and R results an earlier -keep left.
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
	"slices"
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
timed <- function(fun) {
  reps <- 0; t0 <- proc.time()[["elapsed"]]; r <- NULL
  repeat {
    r <- fun(); reps <- reps + 1
    el <- proc.time()[["elapsed"]] - t0
    if (el > 0.2 || reps >= 20) break
  }
  list(r = r, secs = el / reps)
}
acc <- function(a, f, lo, hi) {
  if (any(is.na(f))) return(c(NA, NA, NA))
  e <- a - f
  c(sqrt(mean(e^2)), 100 * mean(abs(e / a)[a != 0]), mean(a >= lo & a <= hi))
}
hwfit <- function(tr, h, seasonal) {
  hw <- suppressWarnings(HoltWinters(tr, seasonal = seasonal))
  p <- predict(hw, n.ahead = h, prediction.interval = TRUE, level = 0.95)
  list(f = as.numeric(p[, "fit"]), lo = as.numeric(p[, "lwr"]), hi = as.numeric(p[, "upr"]), sse = hw$SSE,
       par = c(hw$alpha, hw$beta, hw$gamma), m = seasonal)
}
etsfit <- function(tr, h) suppressWarnings({
  m <- ets(tr); fc <- forecast(m, h = h, level = 95)
  list(f = as.numeric(fc$mean), lo = as.numeric(fc$lower), hi = as.numeric(fc$upper), sse = sum((tr - fitted(m))^2),
       par = c(m$par["alpha"], m$par["beta"], m$par["gamma"]), m = gsub(",", "", m$method), aicc = m$aicc)
})
failed <- function(h) list(f = rep(NA, h), lo = rep(NA, h), hi = rep(NA, h), sse = NA, par = c(NA, NA, NA), m = "failed", aicc = NA)
con <- file(args[3], "w")
for (s in L) {
  n <- length(s$x); tr <- ts(s$x[1:(n - s$h)], frequency = s$f); te <- s$x[(n - s$h + 1):n]
  out <- s$name
  for (k in 1:3) {
    fun <- switch(k, function() hwfit(tr, s$h, "additive"), function() hwfit(tr, s$h, "multiplicative"), function() etsfit(tr, s$h))
    r <- timed(function() tryCatch(fun(), error = function(e) failed(s$h)))
    a <- acc(te, r$r$f, r$r$lo, r$r$hi)
    out <- c(out, a, r$secs, r$r$sse, r$r$par, r$r$m)
    if (k == 3) ea <- r$r$aicc
  }
  out <- c(out, ea)
  writeLines(paste(out, collapse = ","), con)
}
close(con)
`

type series struct {
	name string
	f, h int
	x    []float64
}

// synthetic draws the six hourly utilisation series from the seed.
func synthetic(seed uint64) []series {
	rng := rand.New(rand.NewPCG(seed, 65))
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
	keepFit := flag.Bool("keepfit", false, "keep the parameters fitted without the inner held-out season (capacity.Options.KeepFit) instead of refitting the kept models")
	reuse := flag.String("reuse", "", "a directory kept by an earlier run (-keep): use its series and R's results, without running R")
	repeats := flag.Int("repeats", 3, "runs of R and of the library, alternating; times are the medians")
	seed := flag.Uint64("seed", 20000, "the seed of the six synthetic series (20000 for the table of RESULTS.md; others check that a change is not tuned to those six)")
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
	synth, all := filepath.Join(dir, "synthetic.csv"), filepath.Join(dir, "series.csv")
	rres := func(k int) string { return filepath.Join(dir, fmt.Sprintf("r%d.csv", k)) }
	var b strings.Builder
	for _, s := range synthetic(*seed) {
		fmt.Fprintf(&b, "%s,%d,%d", s.name, s.f, s.h)
		for _, v := range s.x {
			fmt.Fprintf(&b, ",%s", strconv.FormatFloat(v, 'g', 17, 64))
		}
		b.WriteByte('\n')
	}
	script := filepath.Join(dir, "fit.R")
	if *reuse == "" {
		if err := os.WriteFile(synth, []byte(b.String()), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(script, []byte(rScript), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	var runs [][]row
	for k := range max(1, *repeats) {
		if *reuse == "" {
			log.Printf("run %d: R (load %s)", k+1, loadavg())
			start := time.Now()
			cmd := exec.Command("Rscript", script, synth, all, rres(k))
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				log.Fatalf("Rscript: %v (install r-base-core and r-cran-forecast)", err)
			}
			log.Printf("run %d: R done in %s", k+1, time.Since(start).Round(time.Millisecond))
		}
		rk := rres(k)
		if *reuse != "" {
			rk = rres(0)
		}
		ss := readSeries(all)
		rr := readLines(rk)
		log.Printf("run %d: library (load %s)", k+1, loadavg())
		var rows []row
		for i, s := range ss {
			r := rr[i]
			if r[0] != s.name {
				log.Fatalf("R results out of order: %s vs %s", r[0], s.name)
			}
			rows = append(rows, compare(s, r[1:], *keepFit)...)
		}
		runs = append(runs, rows)
	}
	report(medianTimes(runs))
}

// medianTimes returns the rows of the first run with each time the median
// of the runs' (the accuracies are the same in every run).
func medianTimes(runs [][]row) []row {
	out := runs[0]
	for i := range out {
		var lib, r []float64
		for _, rows := range runs {
			lib, r = append(lib, rows[i].lib.secs), append(r, rows[i].r.secs)
		}
		out[i].lib.secs, out[i].r.secs = median(lib), median(r)
	}
	return out
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

// rFields is the number of R's fields per method: RMSE, MAPE, coverage,
// seconds, SSE, alpha, beta, gamma, model.
const rFields = 9

// side is one method's result on one series: the library's or R's.
type side struct {
	rmse, mape, cover, secs, sse float64
	model                        string
	// collapsed is set for a fit with every smoothing parameter below
	// 0.001 (one a form does not have counting as zero).
	collapsed bool
	// aicc is the AICc of an ets fit, on the library's scale (R's plus
	// the constant n(log(2π/n)+1) that R's likelihood leaves out); NaN
	// elsewhere.
	aicc float64
}

// row is one series and method, the library beside R.
type row struct {
	series, method string
	n, m, h        int
	lib, r         side
	// rHW and rETS are R's held-out RMSE with HoltWinters (additive) and
	// ets, set beside the library's default forecast.
	rHW, rETS float64
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// compare fits each method to the series' training points with the
// library and sets its result beside R's (fields r, rFields per method:
// HoltWinters additive, multiplicative, ets).
func compare(s series, r []string, keepFit bool) []row {
	n := len(s.x)
	train, test := s.x[:n-s.h], s.x[n-s.h:]
	rside := func(k int) side {
		f := r[k*rFields : (k+1)*rFields]
		sd := side{rmse: num(f[0]), mape: num(f[1]), cover: num(f[2]), secs: num(f[3]), sse: num(f[4]), model: f[8], aicc: math.NaN()}
		zero := func(v float64) bool { return math.IsNaN(v) || v < 1e-3 }
		if f[8] != "failed" {
			sd.collapsed = zero(num(f[5])) && zero(num(f[6])) && zero(num(f[7]))
		}
		if f[8] != "failed" && k < 2 {
			sd.model = fmt.Sprintf("α%.3f β%.3f γ%.3f", num(f[5]), num(f[6]), num(f[7]))
		}
		if k == 2 && len(r) > 3*rFields {
			nt := float64(len(train))
			sd.aicc = num(r[3*rFields]) + nt*(math.Log(2*math.Pi/nt)+1)
			sd.model = fmt.Sprintf("%s %.1f", sd.model, sd.aicc)
		}
		return sd
	}
	hwa, hwm, ets := rside(0), rside(1), rside(2)
	rBest := hwa
	for _, c := range []side{hwm, ets} {
		if !math.IsNaN(c.rmse) && (math.IsNaN(rBest.rmse) || c.rmse < rBest.rmse) {
			rBest = c
		}
	}
	rBest.secs = hwa.secs + hwm.secs + ets.secs
	periods := []int{s.f}
	switch s.f {
	case 24, 48:
		periods = capacity.DefaultPeriods(24 * time.Hour / time.Duration(s.f))
	case 336:
		periods = []int{48, 336}
	}
	fit := func(sp capacity.Spec) side {
		var md *capacity.Model
		secs := timeIt(func() {
			var err error
			if md, err = capacity.FitSpec(train, sp); err == nil {
				md.Predict(s.h, 0.95)
			}
		})
		if md == nil {
			return side{rmse: math.NaN(), mape: math.NaN(), cover: math.NaN(), sse: math.NaN(), secs: secs, model: "failed"}
		}
		sd := measure(test, md.Predict(s.h, 0.95))
		sd.secs, sd.sse = secs, md.SSE
		sd.model = fmt.Sprintf("α%.3f β%.3f γ%.3f", md.Alpha, md.Beta, md.Gamma)
		sd.collapsed = md.Alpha < 1e-3 && md.Beta < 1e-3 && md.Gamma < 1e-3
		if md.Method == capacity.MethodETS {
			sd.model = fmt.Sprintf("%s %.1f", md.Form, md.AICc)
			sd.aicc = md.AICc
		}
		return sd
	}
	base := row{series: s.name, n: n, m: s.f, h: s.h}
	out := []row{
		with(base, "HoltWinters additive", fit(capacity.Spec{Method: capacity.MethodHoltWintersAdditive, Period: s.f}), hwa),
		with(base, "HoltWinters multiplicative", fit(capacity.Spec{Method: capacity.MethodHoltWintersMultiplicative, Period: s.f}), hwm),
		with(base, "ets (AICc)", fit(capacity.Spec{Method: capacity.MethodETS, Period: s.f}), ets),
	}
	for _, single := range []bool{false, true} {
		var res *capacity.Result
		secs := timeIt(func() {
			var err error
			if res, err = capacity.ForecastValues(train, s.h, &capacity.Options{Periods: periods, KeepFit: keepFit, Single: single}); err != nil {
				log.Fatal(err)
			}
		})
		auto := measure(test, res.Bands)
		auto.secs, auto.sse = secs, math.NaN()
		auto.model = describe(&res.Model)
		name := "auto / R best"
		if single {
			name = "auto single / R best"
		}
		rw := with(base, name, auto, rBest)
		rw.rHW, rw.rETS = hwa.rmse, ets.rmse
		out = append(out, rw)
	}
	return out
}

// describe names a model in a few words: its method or form and seasons,
// and for a combination its parts.
func describe(md *capacity.Model) string {
	if md.Method == capacity.MethodCombined {
		var parts []string
		for _, p := range md.Parts {
			parts = append(parts, fmt.Sprintf("%.2f %s", p.Weight, describe(&p.Model)))
		}
		return "combination: " + strings.Join(parts, " + ")
	}
	name := string(md.Method)
	switch md.Method {
	case capacity.MethodETS:
		name = md.Form.String()
		if md.Decomposed {
			name = "decomp+" + name
		}
	case capacity.MethodHoltWintersAdditive:
		name = "HW-A"
	case capacity.MethodHoltWintersMultiplicative:
		name = "HW-M"
	case capacity.MethodDoubleSeasonal:
		name = "DSHW"
	}
	switch {
	case md.Period2 > 0:
		name += fmt.Sprintf("(%d,%d)", md.Period, md.Period2)
	case md.Period > 0:
		name += fmt.Sprintf("(%d)", md.Period)
	}
	return name
}

func with(r row, method string, lib, rr side) row {
	r.method, r.lib, r.r = method, lib, rr
	return r
}

// measure returns the RMSE, MAPE and coverage of the 95 % intervals of
// bands on the held-out points y.
func measure(y []float64, bands []capacity.Band) side {
	a := capacity.Measure(y, bands)
	in := 0
	for i, b := range bands[:len(y)] {
		if y[i] >= b.Lower && y[i] <= b.Upper {
			in++
		}
	}
	return side{rmse: a.RMSE, mape: a.MAPE, cover: float64(in) / float64(len(y))}
}

// report prints the table and the summary against the goals.
func report(rows []row) {
	fmt.Printf("%-18s %-26s %5s %4s %4s | %11s %11s %7s | %9s %9s | %6s %6s | %6s %6s | %9s %9s %6s | %s / %s\n",
		"series", "method", "n", "m", "h", "SSE lib", "SSE R", "ratio", "RMSE lib", "RMSE R", "MAPE l", "MAPE R", "cov l", "cov R", "t lib", "t R", "R/lib", "lib model", "R model")
	var sseWorse, hwFits, collapsedLib, collapsedR, etsCollapsedLib, etsCollapsedR int
	var etsFits, etsSame, etsAICcAtMost int
	var ratioBest, ratioSingle, ratioHW, ratioETS, speed []float64
	var tLibHW, tRHW float64
	var coverLib, coverR = map[string][]float64{}, map[string][]float64{}
	for _, r := range rows {
		ratio := r.lib.sse / r.r.sse
		fmt.Printf("%-18s %-26s %5d %4d %4d | %11.5g %11.5g %7.4f | %9.4g %9.4g | %6.2f %6.2f | %6.3f %6.3f | %9s %9s %6.1f | %s / %s\n",
			r.series, r.method, r.n, r.m, r.h, r.lib.sse, r.r.sse, ratio, r.lib.rmse, r.r.rmse, r.lib.mape, r.r.mape,
			r.lib.cover, r.r.cover, dur(r.lib.secs), dur(r.r.secs), r.r.secs/r.lib.secs, r.lib.model, r.r.model)
		if strings.HasPrefix(r.method, "HoltWinters") && !math.IsNaN(r.r.sse) && !math.IsNaN(r.lib.sse) {
			hwFits++
			if r.lib.sse > r.r.sse*(1+1e-9) {
				sseWorse++
			}
			tLibHW += r.lib.secs
			tRHW += r.r.secs
			speed = append(speed, r.r.secs/r.lib.secs)
		}
		hw := strings.HasPrefix(r.method, "HoltWinters")
		if r.lib.collapsed && hw {
			collapsedLib++
		}
		if r.r.collapsed && hw {
			collapsedR++
		}
		if r.method == "ets (AICc)" {
			if r.lib.collapsed {
				etsCollapsedLib++
			}
			if r.r.collapsed {
				etsCollapsedR++
			}
			if !math.IsNaN(r.r.aicc) {
				etsFits++
				lf, _, _ := strings.Cut(r.lib.model, " ")
				rf, _, _ := strings.Cut(r.r.model, " ")
				if strings.ReplaceAll(lf, ",", "") == rf {
					etsSame++
				}
				if r.lib.aicc <= r.r.aicc+1e-6*math.Abs(r.r.aicc) {
					etsAICcAtMost++
				}
			}
		}
		if r.method == "auto / R best" && !math.IsNaN(r.r.rmse) {
			ratioBest = append(ratioBest, r.lib.rmse/r.r.rmse)
			if !math.IsNaN(r.rHW) {
				ratioHW = append(ratioHW, r.lib.rmse/r.rHW)
			}
			if !math.IsNaN(r.rETS) {
				ratioETS = append(ratioETS, r.lib.rmse/r.rETS)
			}
		}
		if r.method == "auto single / R best" && !math.IsNaN(r.r.rmse) {
			ratioSingle = append(ratioSingle, r.lib.rmse/r.r.rmse)
		}
		if !math.IsNaN(r.lib.cover) {
			coverLib[r.method] = append(coverLib[r.method], r.lib.cover)
		}
		if !math.IsNaN(r.r.cover) {
			coverR[r.method] = append(coverR[r.method], r.r.cover)
		}
	}
	fmt.Println()
	fmt.Printf("Holt-Winters fits with SSE above R's: %d of %d\n", sseWorse, hwFits)
	fmt.Printf("Holt-Winters fits with every smoothing parameter below 0.001: library %d, R %d\n", collapsedLib, collapsedR)
	fmt.Printf("ets fits with every smoothing parameter below 0.001: library %d, R %d\n", etsCollapsedLib, etsCollapsedR)
	if etsFits > 0 {
		fmt.Printf("ets (AICc): the same form as R's on %d of %d series; AICc at most R's (on one scale) on %d of %d\n", etsSame, etsFits, etsAICcAtMost, etsFits)
	}
	fmt.Printf("held-out RMSE, library auto / R's best model per series: mean %.3f, geometric mean %.3f, worst %.3f, over %d series\n",
		mean(ratioBest), gmean(ratioBest), slices.Max(ratioBest), len(ratioBest))
	fmt.Printf("held-out RMSE, library auto single (Options.Single) / R's best: mean %.3f, geometric mean %.3f, worst %.3f\n",
		mean(ratioSingle), gmean(ratioSingle), slices.Max(ratioSingle))
	fmt.Printf("held-out RMSE, library auto / R HoltWinters: mean %.3f, geometric mean %.3f; / R ets: mean %.3f, geometric mean %.3f\n",
		mean(ratioHW), gmean(ratioHW), mean(ratioETS), gmean(ratioETS))
	slices.Sort(speed)
	fmt.Printf("Holt-Winters fit and forecast time: library %s, R %s, R/library %.1f× in total; per fit median %.1f×, least %.1f×, over %d fits\n",
		dur(tLibHW), dur(tRHW), tRHW/tLibHW, speed[len(speed)/2], speed[0], len(speed))
	fmt.Printf("mean coverage of the 95 %% intervals on held-out points:\n")
	for _, m := range []string{"HoltWinters additive", "HoltWinters multiplicative", "ets (AICc)", "auto / R best", "auto single / R best"} {
		fmt.Printf("  %-26s library %.3f (%d series), R %.3f (%d series)\n", m, mean(coverLib[m]), len(coverLib[m]), mean(coverR[m]), len(coverR[m]))
	}
}

// timeIt returns the mean time of fn, repeated until 50 ms have passed (at
// most 1,000 times).
func timeIt(fn func()) float64 {
	reps := 0
	start := time.Now()
	for reps == 0 || (time.Since(start) < 50*time.Millisecond && reps < 1000) {
		fn()
		reps++
	}
	return time.Since(start).Seconds() / float64(reps)
}

// loadavg returns the load averages of the machine, where it can read them.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
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
