package cmdb

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smskit/iso20000/process"
)

// RiskModel is a configurable model of the risk of a change (ISO/IEC
// 20000-1:2011, 9.2: requests for change are assessed for risk using CMDB
// information). A change earns points for the services and CIs its CIs
// affect, for the failed changes made before on those CIs, for needing an
// outage and for lacking a (tested) back-out plan; thresholds turn the score
// into a [process.Level]. Caps of zero mean no cap.
type RiskModel struct {
	ServicePoints, ServiceCap int // per service affected
	CIPoints, CICap           int // per CI affected beyond those changed
	FailedPoints, FailedCap   int // per earlier failed or backed-out change on the changed CIs
	OutagePoints              int // when the change needs an outage
	NoBackoutPoints           int // when there is no back-out plan
	UntestedBackoutPoints     int // when the back-out plan is not tested
	// Medium and High are the scores from which risk is medium and high.
	Medium, High int
}

// DefaultRiskModel returns the library's default model: 10 points a
// service (at most 40), 1 a CI (at most 20), 10 an earlier failure (at most
// 20), 15 for an outage, 20 without a back-out plan or 10 with an untested
// one; medium from 30, high from 60.
func DefaultRiskModel() RiskModel {
	return RiskModel{
		ServicePoints: 10, ServiceCap: 40,
		CIPoints: 1, CICap: 20,
		FailedPoints: 10, FailedCap: 20,
		OutagePoints: 15, NoBackoutPoints: 20, UntestedBackoutPoints: 10,
		Medium: 30, High: 60,
	}
}

// Validate checks that no points or caps are negative and that 0 < Medium
// <= High.
func (m RiskModel) Validate() error {
	v := process.ValidationError{Package: "cmdb", Subject: "risk model"}
	for name, n := range map[string]int{
		"servicePoints": m.ServicePoints, "serviceCap": m.ServiceCap, "ciPoints": m.CIPoints, "ciCap": m.CICap,
		"failedPoints": m.FailedPoints, "failedCap": m.FailedCap, "outagePoints": m.OutagePoints,
		"noBackoutPoints": m.NoBackoutPoints, "untestedBackoutPoints": m.UntestedBackoutPoints,
	} {
		if n < 0 {
			v.Addf(name, process.ErrInvalidValue, "%d", n)
		}
	}
	if m.Medium <= 0 || m.High < m.Medium {
		v.Addf("medium", process.ErrInvalidValue, "thresholds %d and %d", m.Medium, m.High)
	}
	slices.SortFunc(v.Fields, func(a, b process.FieldError) int { return strings.Compare(a.Path, b.Path) })
	return v.Err()
}

// ChangeRiskInput is what the model scores: the change (left out of the
// earlier failures), the CIs it changes, the earlier failed changes on them,
// whether it needs an outage, and its back-out plan (ISO/IEC
// 20000-1:2011, 9.2).
type ChangeRiskInput struct {
	Change        process.ID
	CIs           []process.ID
	FailedBefore  []process.ID
	Outage        bool
	BackoutPlan   bool
	BackoutTested bool
}

// RiskFactor is one reason a change earns risk points (ISO/IEC
// 20000-1:2011, 9.2).
type RiskFactor struct {
	Name   string
	Points int
	Detail string
}

// ChangeRisk is the risk of a change: its score, level, the services its CIs
// affect, how many CIs they affect beyond themselves, the earlier failed
// changes counted, and each factor with its points (ISO/IEC 20000-1:2011,
// 9.2).
type ChangeRisk struct {
	Score        int
	Level        process.Level
	Services     []process.ID
	CIs          int
	FailedBefore []process.ID
	Factors      []RiskFactor
}

func capped(n, per, cap int) int {
	p := n * per
	if cap > 0 && p > cap {
		return cap
	}
	return p
}

// Assess scores a change with the model. With an index, the impact of its
// CIs is found downstream, redundancy honoured; CIs not in the index are
// counted as changed but affect nothing else. An invalid model is refused
// with its *[process.ValidationError].
func (m RiskModel) Assess(x *Index, in ChangeRiskInput) (ChangeRisk, error) {
	if err := m.Validate(); err != nil {
		return ChangeRisk{}, err
	}
	var r ChangeRisk
	if x != nil {
		if known := x.known(in.CIs); len(known) > 0 {
			imp, err := x.Impact(ImpactQuery{CIs: known, Direction: Downstream})
			if err != nil {
				return ChangeRisk{}, err
			}
			for a := range imp.All() {
				if a.Service {
					r.Services = append(r.Services, a.CI)
				}
				if a.Depth > 0 {
					r.CIs++
				}
			}
			imp.Release()
		}
	}
	for _, f := range in.FailedBefore {
		if f != in.Change && !slices.Contains(r.FailedBefore, f) {
			r.FailedBefore = append(r.FailedBefore, f)
		}
	}
	add := func(name string, points int, detail string) {
		if points > 0 {
			r.Factors = append(r.Factors, RiskFactor{Name: name, Points: points, Detail: detail})
			r.Score += points
		}
	}
	add("services", capped(len(r.Services), m.ServicePoints, m.ServiceCap), fmt.Sprintf("%d services affected", len(r.Services)))
	add("cis", capped(r.CIs, m.CIPoints, m.CICap), fmt.Sprintf("%d other cis affected", r.CIs))
	add("failed-before", capped(len(r.FailedBefore), m.FailedPoints, m.FailedCap), fmt.Sprintf("%d earlier changes failed on these cis", len(r.FailedBefore)))
	if in.Outage {
		add("outage", m.OutagePoints, "needs an outage")
	}
	switch {
	case !in.BackoutPlan:
		add("backout", m.NoBackoutPoints, "no back-out plan")
	case !in.BackoutTested:
		add("backout", m.UntestedBackoutPoints, "back-out plan not tested")
	}
	switch {
	case r.Score >= m.High:
		r.Level = process.LevelHigh
	case r.Score >= m.Medium:
		r.Level = process.LevelMedium
	default:
		r.Level = process.LevelLow
	}
	return r, nil
}

// FailedChangesOn returns the requests for change in s, other than except, that
// failed or were backed out and that affect one of cis: those linked to a CI
// with [process.LinkAffects] and those a configuration item lists among its
// changes. The order is that of cis, then of the store.
func FailedChangesOn(s process.Store, cis []process.ID, except process.ID) ([]process.ID, error) {
	var out []process.ID
	check := func(id process.ID) error {
		if id == except || slices.Contains(out, id) {
			return nil
		}
		rec, err := s.Get(id)
		if err != nil {
			return err
		}
		if c, ok := rec.(*process.RequestForChange); ok && (c.State() == process.ChangeFailed || c.State() == process.ChangeBackedOut) {
			out = append(out, id)
		}
		return nil
	}
	for _, ci := range cis {
		for b, err := range s.LinksTo(ci) {
			if err != nil {
				return nil, err
			}
			if b.Kind == process.KindRequestForChange && b.Type == process.LinkAffects {
				if err := check(b.From); err != nil {
					return nil, err
				}
			}
		}
		rec, err := s.Get(ci)
		if err != nil {
			continue // not in the store: no changes recorded on it
		}
		if item, ok := rec.(*process.ConfigurationItem); ok {
			for _, c := range item.Changes {
				if err := check(c); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// AssessChange scores a request for change with the model, reading from s
// the earlier failed changes on its CIs ([FailedChangesOn]) and from rfc its
// CIs and back-out plan; outage says whether it needs one. A nil m means
// [DefaultRiskModel].
func AssessChange(x *Index, s process.Store, rfc *process.RequestForChange, outage bool, m *RiskModel) (ChangeRisk, error) {
	s = process.ReadOnly(s) // reads only: no copies
	model := DefaultRiskModel()
	if m != nil {
		model = *m
	}
	failed, err := FailedChangesOn(s, rfc.AffectedCIs, rfc.ID)
	if err != nil {
		return ChangeRisk{}, err
	}
	return model.Assess(x, ChangeRiskInput{
		Change: rfc.ID, CIs: rfc.AffectedCIs, FailedBefore: failed, Outage: outage,
		BackoutPlan: strings.TrimSpace(rfc.BackoutPlan) != "", BackoutTested: rfc.BackoutTested,
	})
}

// ChangeRoutingRules are the change policy's major-impact criteria made
// checkable (the policy states them as text): a change reaching at least
// MajorServices services (when positive), of risk at or above MajorRisk
// (when set), or touching one of MajorCIs has potential major impact
// (ISO/IEC 20000-1:2011, 9.2).
type ChangeRoutingRules struct {
	MajorServices int
	MajorRisk     process.Level
	MajorCIs      []process.ID
}

// ChangeRoute is where a request for change goes: its class, whether it
// goes through design and transition of new or changed services (Clause 5)
// and why (ISO/IEC 20000-1:2011, 9.2).
type ChangeRoute struct {
	Class            process.ChangeClass
	DesignTransition bool
	Reasons          []string
}

// ServiceMove says whether a change removes or transfers a service, which
// takes it through design and transition whatever its impact (ISO/IEC
// 20000-1:2011, 5.1, 9.2). The zero ServiceMove is neither.
type ServiceMove struct {
	Removes, Transfers bool
}

func levelRank(l process.Level) int {
	switch l {
	case process.LevelHigh:
		return 3
	case process.LevelMedium:
		return 2
	case process.LevelLow:
		return 1
	}
	return 0
}

// RouteChange classifies a request for change and routes it (ISO/IEC
// 20000-1:2011, 9.2): it goes through design and transition when it is
// marked as of major impact, meets a rule of rules, or removes or transfers
// a service. It is an emergency change when requested as one; a standard
// change when its model is one the policy pre-authorises, its risk is low
// and it does not go through design and transition; a normal change
// otherwise. A nil policy pre-authorises nothing.
func RouteChange(p *process.ChangePolicy, rules ChangeRoutingRules, rfc *process.RequestForChange, risk ChangeRisk, move ServiceMove) ChangeRoute {
	var rt ChangeRoute
	dt := func(why string) {
		rt.DesignTransition = true
		rt.Reasons = append(rt.Reasons, why)
	}
	if rfc.MajorImpact {
		dt("marked as of potential major impact")
	}
	if rules.MajorServices > 0 && len(risk.Services) >= rules.MajorServices {
		dt(fmt.Sprintf("affects %d services, the policy's limit is %d", len(risk.Services), rules.MajorServices))
	}
	if rules.MajorRisk != "" && levelRank(risk.Level) >= levelRank(rules.MajorRisk) {
		dt(fmt.Sprintf("%s risk", risk.Level))
	}
	for _, c := range rfc.AffectedCIs {
		if slices.Contains(rules.MajorCIs, c) {
			dt("changes " + process.Subject(process.KindConfigurationItem, c) + ", of major impact by policy")
		}
	}
	if move.Removes {
		dt("removes a service")
	}
	if move.Transfers {
		dt("transfers a service")
	}
	standard := p != nil && p.Standard(rfc.Model)
	switch {
	case rfc.Class == process.ChangeEmergency:
		rt.Class = process.ChangeEmergency
	case standard && risk.Level == process.LevelLow && !rt.DesignTransition:
		rt.Class = process.ChangeStandard
		rt.Reasons = append(rt.Reasons, "pre-authorised model "+rfc.Model)
	case standard:
		rt.Class = process.ChangeNormal
		rt.Reasons = append(rt.Reasons, "model "+rfc.Model+" is pre-authorised, but not for this risk or impact")
	default:
		rt.Class = process.ChangeNormal
	}
	return rt
}
