package capacity_test

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/process"
)

var (
	start = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	cathy = process.Actor{ID: "cathy", Roles: []process.Role{process.RoleCapacityManager}}
)

// Measurements arrive at irregular times, with an outage: Regularise puts
// them on hourly steps and fills the gap on a line.
func ExampleRegularise() {
	points := []capacity.Point{
		{At: start.Add(5 * time.Minute), Value: 10},
		{At: start.Add(35 * time.Minute), Value: 20},
		{At: start.Add(65 * time.Minute), Value: 30},
		{At: start.Add(4*time.Hour + 10*time.Minute), Value: 60},
	}
	r, err := capacity.Regularise(points, time.Hour, capacity.GapLinear, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Values, "filled:", r.Filled)

	_, err = capacity.Regularise(points, time.Hour, capacity.GapLinear, 1)
	fmt.Println(errors.Is(err, capacity.ErrGap), err)
	// Output:
	// [15 30 40 50 60] filled: 2
	// true capacity: regularise: 2 steps without a measurement from 2026-03-02T02:00:00Z: capacity: gap in series
}

// Four weeks of hourly CPU utilisation with a daily cycle and slow growth:
// every candidate is fitted on all but the held-out last week and measured
// on it, the forecast combines the three of least error, and it carries a
// 95 % interval.
func ExampleForecastValues() {
	y := make([]float64, 24*7*4)
	for t := range y {
		y[t] = 40 + 0.01*float64(t) + 15*math.Sin(2*math.Pi*float64(t)/24) + 2*math.Sin(float64(t)*1.7)
	}
	r, err := capacity.ForecastValues(y, 24, &capacity.Options{Periods: capacity.DefaultPeriods(time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range r.Candidates {
		name := c.Method.String()
		if c.Method == capacity.MethodETS {
			name = c.Form.String()
		}
		if c.Decomposed {
			name = "decomposed " + name
		}
		fmt.Printf("%-28s period %3d %3d  held-out RMSE %5.2f\n", name, c.Period, c.Period2, c.Holdout.RMSE)
	}
	fmt.Println("chosen:", r.Model.Method)
	for _, p := range r.Model.Parts {
		name := p.Model.Method.String()
		if p.Model.Decomposed {
			name = "decomposed " + name
		}
		fmt.Printf("  %.2f × %s %d %d\n", p.Weight, name, p.Model.Period, p.Model.Period2)
	}
	b := r.Bands[6]
	fmt.Printf("in 7 hours: %.0f (95 %% interval %.0f to %.0f)\n", b.Value, b.Lower, b.Upper)
	// Output:
	// linear                       period   0   0  held-out RMSE 10.70
	// holt-winters-additive        period  24   0  held-out RMSE  1.41
	// holt-winters-additive        period 168   0  held-out RMSE  1.29
	// holt-winters-multiplicative  period  24   0  held-out RMSE  1.63
	// holt-winters-multiplicative  period 168   0  held-out RMSE  1.69
	// ETS(A,A,A)                   period  24   0  held-out RMSE  1.42
	// decomposed ETS(A,A,A)        period  24   0  held-out RMSE  1.44
	// decomposed ETS(M,A,M)        period  24   0  held-out RMSE  1.52
	// decomposed ETS(A,A,A)        period 168   0  held-out RMSE  1.41
	// decomposed ETS(M,A,M)        period 168   0  held-out RMSE  1.71
	// double-seasonal-holt-winters period  24 168  held-out RMSE  1.29
	// combination                  period   0   0  held-out RMSE  1.32
	// chosen: combination
	//   0.35 × holt-winters-additive 168 0
	//   0.35 × double-seasonal-holt-winters 24 168
	//   0.30 × decomposed ets 168 0
	// in 7 hours: 62 (95 % interval 59 to 64)
}

// An all-zero series cannot carry a multiplicative season: fixing that
// method is refused with a matchable error, and choosing leaves it out.
func ExampleForecastValues_allZero() {
	y := make([]float64, 24*7*3)
	_, err := capacity.ForecastValues(y, 24, &capacity.Options{Method: capacity.MethodHoltWintersMultiplicative, Periods: []int{24}})
	fmt.Println(errors.Is(err, capacity.ErrNonPositive))
	r, err := capacity.ForecastValues(y, 24, &capacity.Options{Periods: []int{24}})
	fmt.Println(err, r.Model.Method, r.Bands[0])
	// Output:
	// true
	// <nil> linear {0 0 0}
}

// Validation names every content item of 6.5 a plan still lacks.
func ExamplePlan_Missing() {
	p := capacity.NewPlan("Capacity plan 2026", start, start.AddDate(1, 0, 0), cathy, start)
	p.Procedures = []capacity.Procedure{{Method: capacity.MethodHoltWintersAdditive, Description: "weekly season, held-out week"}}
	p.Considerations = []capacity.Consideration{
		{Area: capacity.AreaAvailability, Description: "99.9 % needs N+1 web servers"},
		{Area: capacity.AreaServiceLevel, Description: "p95 response 300 ms caps CPU at 70 %"},
	}
	for _, it := range p.Missing() {
		fmt.Println(it)
	}
	// Output:
	// resources.human
	// resources.technical
	// resources.information
	// resources.financial
	// current-demand
	// forecast-demand
	// effects.continuity
	// thresholds
	// upgrades
	// effects.regulatory
	// effects.services-technology
}

// Crossings of a threshold are the events a host raises as incidents.
func ExampleCrossings() {
	th := capacity.NewThreshold("db cpu", process.NewID(), "cpu-busy", 70, 90, cathy, start)
	r := capacity.Regular{Start: start, Step: time.Hour, Values: []float64{50, 75, 95, 80, 60}}
	cs, err := capacity.Crossings(r, th)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Printf("%s %s–%s peak %.0f\n", c.Severity, c.From.Format("15:04"), c.To.Format("15:04"), c.Peak)
	}
	// Output:
	// warning 01:00–04:00 peak 95
	// critical 02:00–03:00 peak 95
}
