package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/capacity"
	"github.com/smskit/iso20000/interfaces"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
	"github.com/smskit/iso20000/process/report"
	"github.com/smskit/iso20000/sms"
)

// summary holds the figures the program prints.
type summary struct {
	seed      uint64
	quarter   process.Window
	records   int
	generated map[process.RecordKind]int
	customers []customerSummary
	audit     interfaces.AuditReport
	conform   *sms.Report
	budget    decimal.Decimal
	actual    decimal.Decimal
	upgrades  []capacity.Recommendation
	files     []string
}

// customerSummary is a customer's quarter: targets met and breached, and
// availability per service.
type customerSummary struct {
	name          string
	met, breached int
	availability  []report.ServiceAvailability
	serviceTitles map[process.ID]string
}

// write builds the service reports (and stores them, as a provider
// would), runs the interface audit and the conformity assessment over the
// quarter, and writes every output into dir.
func (p *provider) write(dir string) (*summary, error) {
	if err := os.MkdirAll(filepath.Join(dir, "reports"), 0o755); err != nil {
		return nil, err
	}
	sum := &summary{seed: p.seed, quarter: p.quarter, generated: p.generated}
	files := map[string][]byte{}
	opts := &report.Options{Calendars: p.calendars}
	for _, c := range p.customers {
		cs := customerSummary{name: c.rec.Title}
		// The monthly reports, each stored and linked from what it
		// reports; April's and May's carry a decision the next one shows.
		for m := time.April; m <= time.June; m++ {
			start := time.Date(2026, m, 1, 0, 0, 0, 0, c.zone)
			period := process.Window{Start: start, End: start.AddDate(0, 1, 0)}
			r, err := report.Build(p.store, c.def, report.Scope{Customer: c.rec.ID}, period, opts)
			if err != nil {
				return nil, err
			}
			issued := period.End.Add(9*time.Hour).AddDate(0, 0, 2)
			rec := named(p, r.ServiceReport(slm, issued, fmt.Sprintf("%s, %s 2026", c.rec.Title, m), issued))
			if m < time.June {
				p.do(rec.Decide(slm, issued.Add(time.Hour), process.ReportDecision{
					Decision:       "watch the resolution of P3 incidents",
					Actions:        []process.ReportAction{{Action: "review P3 breaches weekly", Owner: im.ID, Due: issued.AddDate(0, 0, 21)}},
					CommunicatedTo: []string{c.rec.Title + " IT management"},
				}))
			}
			p.put(rec)
			for _, id := range r.Reported {
				p.linkReported(id, rec, issued)
			}
			base := fmt.Sprintf("reports/%s-%s", c.slug, start.Format("2006-01"))
			if err := render(files, base+".md", r.WriteMarkdown); err != nil {
				return nil, err
			}
			if err := render(files, base+".json", r.WriteJSON); err != nil {
				return nil, err
			}
		}
		// The quarter as a whole, for the summary and the quarterly review.
		q, err := report.Build(p.store, c.def, report.Scope{Customer: c.rec.ID},
			process.Window{Start: time.Date(2026, 4, 1, 0, 0, 0, 0, c.zone), End: time.Date(2026, 7, 1, 0, 0, 0, 0, c.zone)}, &report.Options{Calendars: p.calendars, Periods: -1})
		if err != nil {
			return nil, err
		}
		if err := render(files, fmt.Sprintf("reports/%s-2026-Q2.md", c.slug), q.WriteMarkdown); err != nil {
			return nil, err
		}
		for _, t := range q.Performance {
			cs.met += t.Met
			cs.breached += t.Breached
		}
		cs.availability, cs.serviceTitles = q.Availability, q.Titles
		// The quarter's availability of each service, measured and
		// investigated, and the measurement of its target.
		measured := time.Date(2026, 6, 30, 12, 0, 0, 0, c.zone) // inside the quarter in Berlin too
		for _, a := range q.Availability {
			m := named(p, a.Measurement(contm, measured, "Availability Q2 2026, "+q.Titles[a.Service]))
			for i := range m.Outages {
				m.Outages[i].Cause = "see the incident"
				m.Outages[i].Investigation = "reviewed at the weekly availability meeting"
			}
			p.put(m)
			tm, err := process.MeasureTarget(c.sla.ID, &c.sla.AgreementTerms, a.Target, a.Period.Start, a.Period.End, a.Achieved, slm, measured)
			if err != nil {
				return nil, err
			}
			if !tm.Met {
				tm.Reason, tm.Action = "the outages listed in the availability measurement", "automatic failover"
			}
			p.put(named(p, tm))
		}
		sum.customers = append(sum.customers, cs)
	}
	if p.err != nil {
		return nil, p.err
	}

	// The capacity plan with its charts.
	run := p.capacityRun
	for i, ch := range run.charts {
		name := fmt.Sprintf("capacity-%d.svg", i+1)
		if err := render(files, name, ch.WriteSVG); err != nil {
			return nil, err
		}
		run.opts.Charts = append(run.opts.Charts, capacity.ChartRef{Title: ch.Title, Path: name})
	}
	if err := render(files, "capacity-plan.md", func(w io.Writer) error { return capacity.WriteMarkdown(w, run.plan, &run.opts) }); err != nil {
		return nil, err
	}
	sum.upgrades = run.opts.Recommendations

	// The cost report.
	cr, err := p.costReport()
	if err != nil {
		return nil, err
	}
	for t := range cr.Totals() {
		sum.budget, sum.actual = sum.budget.Add(t.Budget.Amount), sum.actual.Add(t.Actual.Amount)
	}
	if err := render(files, "cost-report.csv", cr.WriteCSV); err != nil {
		return nil, err
	}
	if err := render(files, "cost-report.json", cr.WriteJSON); err != nil {
		return nil, err
	}

	// The interface audit and the conformity assessment of the quarter.
	g := interfaces.Standard()
	sum.audit, err = interfaces.Audit(g, p.store, p.quarter)
	if err != nil {
		return nil, err
	}
	if err := render(files, "interface-audit.txt", sum.audit.WriteText); err != nil {
		return nil, err
	}
	sum.conform, err = sms.Assess(p.sys, p.store, sms.Options{Period: p.quarter, Attestations: p.attestations})
	if err != nil {
		return nil, err
	}
	for name, e := range map[string]sms.Edition{"conformity-2011.md": sms.Edition2011, "conformity-2018.md": sms.Edition2018} {
		if err := render(files, name, func(w io.Writer) error { return sum.conform.WriteMarkdown(w, e) }); err != nil {
			return nil, err
		}
	}
	js, err := sum.conform.JSON()
	if err != nil {
		return nil, err
	}
	files["conformity.json"] = js

	// The graphs: Annex A, the CMDB and one service's dependencies.
	v := g.View()
	if err := render(files, "interfaces.dot", v.WriteDOT); err != nil {
		return nil, err
	}
	if err := render(files, "interfaces.mmd", v.WriteMermaid); err != nil {
		return nil, err
	}
	whole, err := report.CMDBGraph(p.store)
	if err != nil {
		return nil, err
	}
	x, err := cmdb.FromStore(p.store, nil)
	if err != nil {
		return nil, err
	}
	tree, err := report.DependencyTree(p.store, x, p.services[0].rec.ID)
	if err != nil {
		return nil, err
	}
	for name, fn := range map[string]func(io.Writer) error{
		"cmdb.dot": whole.WriteDOT, "cmdb.mmd": whole.WriteMermaid,
		"fleet-tracking-dependencies.dot": tree.WriteDOT, "fleet-tracking-dependencies.mmd": tree.WriteMermaid,
	} {
		if err := render(files, name, fn); err != nil {
			return nil, err
		}
	}

	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), b, 0o644); err != nil {
			return nil, err
		}
		sum.files = append(sum.files, name)
	}
	slices.Sort(sum.files)
	for _, k := range process.Kinds() {
		for _, err := range p.store.Records(k) {
			if err != nil {
				return nil, err
			}
			sum.records++
		}
	}
	return sum, nil
}

// render writes what fn writes into files under name.
func render(files map[string][]byte, name string, fn func(io.Writer) error) error {
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	files[name] = b.Bytes()
	return nil
}

// linkReported links the record id to the service report that reports
// it, and stores it again.
func (p *provider) linkReported(id process.ID, rec *process.ServiceReport, at time.Time) {
	if p.err != nil {
		return
	}
	r, err := p.store.Get(id)
	if err != nil {
		p.do(err)
		return
	}
	h := r.Meta()
	if at.Before(h.Updated) {
		at = h.Updated
	}
	p.do(h.Link(slm, at, process.LinkReportedIn, rec.ID, process.KindServiceReport))
	p.put(r)
}

// print writes the summary.
func (s *summary) print(w io.Writer, dir string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Northwind Managed Services, %s to %s (seed %d)\n\n", s.quarter.Start.Format(time.DateOnly), s.quarter.End.Add(-time.Second).Format(time.DateOnly), s.seed)
	var parts []string
	for _, k := range sortedKinds(s.generated) {
		parts = append(parts, fmt.Sprintf("%d %s", s.generated[k], k))
	}
	fmt.Fprintf(tw, "records\t%d in the store; the quarter generated %s\n", s.records, strings.Join(parts, ", "))
	for _, c := range s.customers {
		share := 100.0
		if c.met+c.breached > 0 {
			share = 100 * float64(c.met) / float64(c.met+c.breached)
		}
		fmt.Fprintf(tw, "targets, %s\t%.1f %% met (%d met, %d breached)\n", c.name, share, c.met, c.breached)
		for _, a := range c.availability {
			verdict := "met"
			if !a.Met {
				verdict = "MISSED"
			}
			fmt.Fprintf(tw, "  availability, %s\t%s %% against %s %% (%s); %d unplanned outage(s), MTRS %s\n",
				c.serviceTitles[a.Service], a.Achieved.StringFixed(3), a.Goal.String(), verdict, a.Failures, a.MTRS.Round(time.Minute))
		}
	}
	fmt.Fprintf(tw, "interface audit\t%d records checked, %d finding(s)%s\n", s.audit.Records, len(s.audit.Findings), topRules(s.audit))
	fmt.Fprintf(tw, "conformity\tscore %.1f: %d met, %d partly met, %d not met of %d requirements\n", s.conform.Score,
		s.conform.Totals[sms.Met], s.conform.Totals[sms.PartlyMet], s.conform.Totals[sms.NotMet], len(s.conform.Findings))
	fmt.Fprintf(tw, "costs\t%s EUR spent against %s EUR budgeted\n", s.actual.StringFixed(2), s.budget.StringFixed(2))
	fmt.Fprintf(tw, "capacity\t%d upgrade(s) recommended in the plan\n", len(s.upgrades))
	fmt.Fprintf(tw, "\nwrote %d files into %s:\n", len(s.files), dir)
	for _, f := range s.files {
		fmt.Fprintf(tw, "  %s\n", f)
	}
	return tw.Flush()
}

// topRules names the three rules with the most findings.
func topRules(a interfaces.AuditReport) string {
	rules := slices.Clone(a.Rules)
	rules = slices.DeleteFunc(rules, func(r interfaces.RuleCount) bool { return r.Failed == 0 })
	slices.SortStableFunc(rules, func(x, y interfaces.RuleCount) int { return y.Failed - x.Failed })
	if len(rules) == 0 {
		return ""
	}
	var parts []string
	for _, r := range rules[:min(3, len(rules))] {
		parts = append(parts, fmt.Sprintf("%s %d", r.Rule, r.Failed))
	}
	return ", most under " + strings.Join(parts, ", ")
}
