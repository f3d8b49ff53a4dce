package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// ServiceReport returns the service report record of r under its
// definition, titled title and issued at issued, made by by at at: one
// section per topic, each summarising the figures of r, the decisions of
// earlier reports under "other" (ISO/IEC 20000-1:2011, 6.2). The records
// r reports ([Report.Reported]) are linked to it by the host, each with
// [process.LinkReportedIn]; decisions taken on it are recorded with
// [process.ServiceReport.Decide].
func (r *Report) ServiceReport(by process.Actor, at time.Time, title string, issued time.Time) *process.ServiceReport {
	rec := process.NewServiceReport(title, r.Definition, r.Period.Start, r.Period.End, issued, by, at)
	rec.Sections = []process.ReportSection{
		{Topic: process.TopicPerformance, Summary: r.performanceSummary()},
		{Topic: process.TopicSignificantEvents, Summary: r.eventsSummary()},
		{Topic: process.TopicWorkload, Summary: r.workloadSummary()},
		{Topic: process.TopicNonconformities, Summary: r.nonconformitiesSummary()},
		{Topic: process.TopicTrends, Summary: r.trendsSummary()},
		{Topic: process.TopicSatisfaction, Summary: r.satisfactionSummary()},
		{Topic: process.TopicOther, Summary: r.decisionsSummary()},
	}
	return rec
}

func (r *Report) performanceSummary() string {
	var b strings.Builder
	t := r.current()
	fmt.Fprintf(&b, "%d of %d ticket targets met (%s%%)", t.Met, t.Met+t.Breached, t.MetShare)
	for _, p := range r.Performance {
		fmt.Fprintf(&b, "; %s %s: %d met, %d breached, %d running, mean %s", p.Priority, p.Target, p.Met, p.Breached, p.Running, hm(p.MeanTime))
	}
	for _, a := range r.Availability {
		fmt.Fprintf(&b, "; availability of %s: %s%% against %s%%", a.Service.Short(), a.Achieved, a.Goal)
	}
	return b.String()
}

func (r *Report) eventsSummary() string {
	if len(r.Events) == 0 {
		return "no major incidents, deployments or continuity invocations"
	}
	parts := make([]string, len(r.Events))
	for i, e := range r.Events {
		parts[i] = fmt.Sprintf("%s %s %q (%s)", e.At.Format(dateTime), e.Kind, e.Title, e.Status)
	}
	return strings.Join(parts, "; ")
}

func (r *Report) workloadSummary() string {
	parts := make([]string, len(r.Workload))
	for i, w := range r.Workload {
		n := len(w.Counts)
		if n == 0 {
			parts[i] = fmt.Sprintf("%s: none counted", w.Kind)
			continue
		}
		parts[i] = fmt.Sprintf("%s: %d", w.Kind, w.Counts[n-1])
		if n > 1 {
			parts[i] += fmt.Sprintf(" (earlier periods %s)", ints(w.Counts[:n-1]))
		}
	}
	return strings.Join(parts, "; ")
}

func (r *Report) nonconformitiesSummary() string {
	if len(r.Nonconformities) == 0 {
		return "no nonconformities"
	}
	parts := make([]string, len(r.Nonconformities))
	for i, n := range r.Nonconformities {
		parts[i] = fmt.Sprintf("%s %s %q", n.Kind, n.Record.Short(), n.Title)
		if n.Target != "" {
			parts[i] += " breached " + n.Target
		}
	}
	return strings.Join(parts, "; ")
}

func (r *Report) trendsSummary() string {
	parts := make([]string, len(r.Trends))
	for i, t := range r.Trends {
		parts[i] = fmt.Sprintf("%s: %s%% of targets met", t.Period.Start.Format(time.DateOnly), t.MetShare)
	}
	return strings.Join(parts, "; ")
}

func (r *Report) satisfactionSummary() string {
	s := r.Satisfaction
	parts := []string{fmt.Sprintf("%d surveys, %d complaints", len(s.Surveys), len(s.Complaints))}
	for _, v := range s.Surveys {
		parts = append(parts, fmt.Sprintf("%q scored %s%%", v.Title, v.Score))
	}
	for _, c := range s.Complaints {
		parts = append(parts, fmt.Sprintf("complaint %q %s", c.Title, c.Status))
	}
	return strings.Join(parts, "; ")
}

func (r *Report) decisionsSummary() string {
	if len(r.Decisions) == 0 {
		return "no decisions recorded on earlier reports"
	}
	parts := make([]string, len(r.Decisions))
	for i, d := range r.Decisions {
		parts[i] = fmt.Sprintf("%s on %s: %s", d.At.Format(time.DateOnly), d.Report.Short(), d.Decision)
		for _, a := range d.Actions {
			parts[i] += fmt.Sprintf(" (action: %s, %s)", a.Action, a.Owner)
		}
	}
	return strings.Join(parts, "; ")
}

// current returns the trend of the report's own period.
func (r *Report) current() Trend {
	if len(r.Trends) == 0 {
		return Trend{}
	}
	return r.Trends[len(r.Trends)-1]
}

// dateTime is how reports write an instant, in its own location.
const dateTime = "2006-01-02 15:04 MST"

// hm writes a duration in hours and minutes ("80h30m").
func hm(d time.Duration) string {
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	d = d.Round(time.Minute)
	return fmt.Sprintf("%s%dh%02dm", neg, int64(d/time.Hour), int64(d%time.Hour/time.Minute))
}

// ints writes counts separated by commas.
func ints(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ", ")
}
