package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// WriteJSON writes r as indented JSON: the figures as Go values hold
// them, durations in nanoseconds, percentages as decimal strings
// (ISO/IEC 20000-1:2011, 6.2).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("report: json: %w", err)
	}
	return nil
}

// WriteMarkdown writes r as a Markdown document a service manager sends
// the customer: a section per topic of the report with its tables, and
// inline SVG charts of the share of targets met per period, availability
// against its target per period, and the workload trend (ISO/IEC
// 20000-1:2011, 6.2). Times are written in the location of the period's
// start. The same report gives the same bytes.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	m := mdWriter{w: bw, loc: r.Period.Start.Location()}
	r.markdown(&m)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: markdown: %w", err)
	}
	return nil
}

// mdWriter writes Markdown; it writes to a bufio.Writer, whose error the
// caller reads at Flush.
type mdWriter struct {
	w   *bufio.Writer
	loc *time.Location
}

func (m *mdWriter) f(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }

func (m *mdWriter) time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(m.loc).Format(dateTime)
}

// row writes one table row, escaping the cells' pipes.
func (m *mdWriter) row(cells ...string) {
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(strings.ReplaceAll(c, "|", `\|`), "\n", " ")
	}
	m.f("| %s |\n", strings.Join(cells, " | "))
}

// table writes a header row and its rule.
func (m *mdWriter) table(head ...string) {
	m.row(head...)
	rule := make([]string, len(head))
	for i := range rule {
		rule[i] = "---"
	}
	m.f("|%s|\n", strings.Join(rule, "|"))
}

// name returns the title of id, or its short form.
func (r *Report) name(id process.ID) string {
	if t, ok := r.Titles[id]; ok && t != "" {
		return t
	}
	return id.Short()
}

// periodLabel names a period by its start, as a month when it is one.
func periodLabel(p process.Window) string {
	s := p.Start
	if s.Day() == 1 && s.Hour() == 0 && s.Minute() == 0 && s.AddDate(0, 1, 0).Equal(p.End) {
		return s.Format("Jan 2006")
	}
	return s.Format(time.DateOnly)
}

func (r *Report) markdown(m *mdWriter) {
	title := r.Title
	if title == "" {
		title = "Service report"
	}
	m.f("# %s\n\n", title)
	m.f("Period: %s to %s.  \n", m.time(r.Period.Start), m.time(r.Period.End))
	names := make([]string, len(r.Services))
	for i, s := range r.Services {
		names[i] = r.name(s)
	}
	if !r.Customer.IsZero() {
		m.f("Customer: %s.  \n", r.name(r.Customer))
	}
	m.f("Services: %s.  \n", strings.Join(names, ", "))
	agreements := make([]string, len(r.Agreements))
	for i, a := range r.Agreements {
		agreements[i] = r.name(a)
	}
	m.f("Agreements: %s.\n\n", strings.Join(agreements, ", "))

	labels := make([]string, len(r.Trends))
	for i, t := range r.Trends {
		labels[i] = periodLabel(t.Period)
	}

	cur := r.current()
	m.f("## Performance against service targets\n\n")
	m.f("%d of %d ticket targets met (%s %%).\n\n", cur.Met, cur.Met+cur.Breached, cur.MetShare)
	if len(r.Performance) > 0 {
		m.table("Priority", "Target", "Met", "Breached", "Running", "Met %", "Mean time", "Longest")
		for _, p := range r.Performance {
			m.row(p.Priority.String(), p.Target, fmt.Sprint(p.Met), fmt.Sprint(p.Breached), fmt.Sprint(p.Running), p.MetShare.String(), hm(p.MeanTime), hm(p.MaxTime))
		}
		m.f("\nTimes are business time on each target's service hours, pauses excluded.\n\n")
	}
	// A period in which no ticket's target stopped or ran has no share to
	// draw: it gets no bar, rather than a full one.
	met := series{name: "targets met"}
	for _, t := range r.Trends {
		v := math.NaN()
		if t.Met+t.Breached > 0 {
			v = t.MetShare.InexactFloat64()
		}
		met.values = append(met.values, v)
	}
	m.f("%s\n\n", barChart("Targets met per period", labels, 0, 100, "%", []series{met}, nil))

	m.f("## Availability\n\n")
	if len(r.Availability) > 0 {
		m.table("Service", "Target", "Achieved", "Met", "Service hours", "Unplanned down", "Planned down", "Planned", "Failures", "MTBF", "MTRS")
		for _, a := range r.Availability {
			planned := "excluded"
			if a.CountPlanned {
				planned = "counted"
			}
			m.row(r.name(a.Service), a.Goal.String()+" %", a.Achieved.String()+" %", yes(a.Met), hm(a.ServiceHours), hm(a.UnplannedDowntime), hm(a.PlannedDowntime), planned, fmt.Sprint(a.Failures), hm(a.MTBF), hm(a.MTRS))
		}
		var rows []series
		var goals []float64
		lo := 100.0
		for i, a := range r.Availability {
			s := series{name: r.name(a.Service)}
			for _, t := range r.Trends {
				v := 0.0
				if i < len(t.Availability) {
					v = t.Availability[i].InexactFloat64()
				}
				s.values = append(s.values, v)
				lo = min(lo, v)
			}
			g := a.Goal.InexactFloat64()
			lo = min(lo, g)
			rows, goals = append(rows, s), append(goals, g)
		}
		lo = max(0, float64(int(lo)-1))
		m.f("\n%s\n\n", barChart("Availability against target (dashed)", labels, lo, 100, "%", rows, goals))
		m.f("### Unplanned non-availability for investigation\n\n")
		listed := false
		for _, a := range r.Availability {
			for _, o := range a.Investigate() {
				if !listed {
					m.table("Service", "Record", "Title", "From", "To", "Downtime")
					listed = true
				}
				to := m.time(o.End)
				if o.Open {
					to += " (still open)"
				}
				m.row(r.name(a.Service), o.Record.Short(), o.Title, m.time(o.Start), to, hm(o.Downtime))
			}
		}
		if !listed {
			m.f("None.\n")
		}
		m.f("\n")
	}

	m.f("## Significant events\n\n")
	if len(r.Events) == 0 {
		m.f("No major incidents, deployments or continuity invocations.\n\n")
	} else {
		m.table("When", "Kind", "Record", "Title", "State")
		for _, e := range r.Events {
			m.row(m.time(e.At), string(e.Kind), e.Record.Short(), e.Title, e.Status)
		}
		m.f("\n")
	}

	m.f("## Workload\n\n")
	m.table(append([]string{"Kind"}, labels...)...)
	var wrows []series
	hi := 1.0
	for _, w := range r.Workload {
		cells := []string{string(w.Kind)}
		s := series{name: string(w.Kind)}
		for _, c := range w.Counts {
			cells = append(cells, fmt.Sprint(c))
			s.values = append(s.values, float64(c))
			hi = max(hi, float64(c))
		}
		m.row(cells...)
		wrows = append(wrows, s)
	}
	m.f("\n%s\n\n", lineChart("Workload per period", labels, 0, hi, wrows))

	m.f("## Nonconformities\n\n")
	if len(r.Nonconformities) == 0 {
		m.f("None.\n\n")
	} else {
		m.table("When", "Kind", "Record", "Title", "Target breached", "State")
		for _, n := range r.Nonconformities {
			m.row(m.time(n.At), string(n.Kind), n.Record.Short(), n.Title, n.Target, n.Status)
		}
		m.f("\n")
	}

	m.f("## Trends\n\n")
	head := []string{"Period", "Met", "Breached", "Met %"}
	for _, s := range r.Services {
		head = append(head, "Availability "+r.name(s))
	}
	m.table(head...)
	for i, t := range r.Trends {
		cells := []string{labels[i], fmt.Sprint(t.Met), fmt.Sprint(t.Breached), t.MetShare.String()}
		for _, a := range t.Availability {
			cells = append(cells, a.String()+" %")
		}
		m.row(cells...)
	}
	m.f("\n")

	m.f("## Satisfaction and complaints\n\n")
	if len(r.Satisfaction.Surveys) == 0 {
		m.f("No survey in the period.\n\n")
	} else {
		m.table("Conducted", "Survey", "Score", "Analysis")
		for _, v := range r.Satisfaction.Surveys {
			m.row(m.time(v.Conducted), v.Title, v.Score.String()+" %", v.Analysis)
		}
		m.f("\n")
	}
	if len(r.Satisfaction.Complaints) == 0 {
		m.f("No complaint in the period.\n\n")
	} else {
		m.table("Received", "Complaint", "State")
		for _, c := range r.Satisfaction.Complaints {
			m.row(m.time(c.Received), c.Title, c.Status)
		}
		m.f("\n")
	}

	m.f("## Decisions and actions of earlier reports\n\n")
	if len(r.Decisions) == 0 {
		m.f("None recorded.\n")
		return
	}
	m.table("Decided", "Report", "Decision", "By", "Actions")
	for _, d := range r.Decisions {
		acts := make([]string, len(d.Actions))
		for i, a := range d.Actions {
			acts[i] = a.Action + " (" + a.Owner
			if !a.Due.IsZero() {
				acts[i] += ", due " + a.Due.In(m.loc).Format(time.DateOnly)
			}
			acts[i] += ")"
		}
		m.row(m.time(d.At), d.Report.Short(), d.Decision, d.By, strings.Join(acts, "; "))
	}
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
