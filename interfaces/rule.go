package interfaces

import (
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// Rule is one check of an interface of Annex A (ISO/IEC 20000-2:2012) on
// live records: a record of Kind, owned by one end of the interface, that
// the records show the interface failed for. A rule is data and lives in
// one place: what it reads (Kind, and what Check looks up through the
// [Context]), what it asserts (Check), the interface it cites (From → To)
// and the clause it rests on. [Rules] lists the library's; a host adds its
// own by appending to that list in an [Auditor].
//
// [Audit] and [Related] run the same Check: a finding of the audit on a
// record is exactly a missing record Related reports for it.
type Rule struct {
	// Name identifies the rule ("release-baseline").
	Name string `json:"name"`
	// From and To are the ends of the interface the rule checks. The rule
	// cites the graph's first edge from From to To that carries Kind or one
	// of Calls (else the first edge between them), and is not applied on a
	// graph that has none.
	From NodeID `json:"from"`
	To   NodeID `json:"to"`
	// Kind is the kind of record the rule checks: the audit reads each
	// record of this kind live in its period once.
	Kind process.RecordKind `json:"kind"`
	// Calls are the kinds of record the interface says a record of Kind
	// calls for; the first is the kind [Related] reports missing.
	Calls []process.RecordKind `json:"calls,omitempty"`
	// Clause is the clause of ISO/IEC 20000-1:2011 the rule rests on.
	Clause string `json:"clause"`
	// Description says in our words what the rule finds.
	Description string `json:"description"`
	// Check returns what the records show wrong with r, a record of Kind,
	// as of c.Now; nil when nothing is. It reads other records only
	// through c, must not change r, and must give the same answer
	// whatever order the store yields records and backlinks in
	// ([Context.LinksTo] gives them in the store's order).
	Check func(c *Context, r process.Record) []Violation `json:"-"`
}

// Violation is what a [Rule]'s check finds on one record: why the
// interface failed for it, the other records involved, and, when a record
// the interface calls for is missing, its kind.
type Violation struct {
	Message string      `json:"message"`
	Records []RecordRef `json:"records,omitempty"`
	// Missing is the kind of record called for that is missing; empty
	// when the rule's first Calls kind is meant.
	Missing process.RecordKind `json:"missing,omitempty"`
}

// violation returns one violation with the message and records.
func violation(msg string, related ...RecordRef) []Violation {
	return []Violation{{Message: msg, Records: related}}
}

// Policy holds the windows and intervals the rules read that are the
// provider's own policy, not the standard's. A zero field takes its
// documented default.
type Policy struct {
	// PostDeployment is the period after a deployment in which incidents
	// are tied to the release and after which the deployment is reviewed
	// (ISO/IEC 20000-1:2011, 9.3). Default: process.PostDeploymentPeriod.
	PostDeployment time.Duration `json:"postDeployment,omitempty"`
	// SecurityReview is the interval of security incident reviews: a
	// security incident no review has covered is due once it is older
	// than this (6.6.3). Default: 92 days (a quarter).
	SecurityReview time.Duration `json:"securityReview,omitempty"`
	// ChangeReview is how soon after completion an emergency change, a
	// change with potential major impact and a failed change are reviewed
	// (9.2). Default: 14 days.
	ChangeReview time.Duration `json:"changeReview,omitempty"`
	// ServiceReview is the planned interval of service reviews with each
	// customer (7.1). Default: 365 days.
	ServiceReview time.Duration `json:"serviceReview,omitempty"`
	// SupplierReview is the planned interval of reviews of each supplier
	// contract (7.2). Default: 365 days.
	SupplierReview time.Duration `json:"supplierReview,omitempty"`
	// Reporting is the interval of service reports: an agreement in force
	// longer than this is reported on (6.2). Default: 31 days.
	Reporting time.Duration `json:"reporting,omitempty"`
	// RecurringIncidents incidents on one configuration item within
	// Recurrence, none of them under a problem, call for problem
	// management (8.2). Defaults: 3 incidents in 30 days.
	RecurringIncidents int           `json:"recurringIncidents,omitempty"`
	Recurrence         time.Duration `json:"recurrence,omitempty"`
	// Acknowledge is how soon top management acknowledges the notice of a
	// major incident (8.1). Default: 24 hours.
	Acknowledge time.Duration `json:"acknowledge,omitempty"`
	// SecurityAssessed are the classes of change the security policy asks
	// to be assessed for security risk before approval (6.6.3); a change
	// with potential major impact always is. Default (empty): every class.
	SecurityAssessed []process.ChangeClass `json:"securityAssessed,omitempty"`
}

// Defaults of [Policy].
const (
	DefaultChangeReview   = 14 * 24 * time.Hour
	DefaultServiceReview  = 365 * 24 * time.Hour
	DefaultSupplierReview = 365 * 24 * time.Hour
	DefaultReporting      = 31 * 24 * time.Hour
	DefaultAcknowledge    = 24 * time.Hour
	DefaultSecurityReview = 92 * 24 * time.Hour
	DefaultRecurring      = 3
	DefaultRecurrence     = 30 * 24 * time.Hour
)

// withDefaults returns p with every zero field set to its default.
func (p Policy) withDefaults() Policy {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&p.PostDeployment, process.PostDeploymentPeriod)
	def(&p.ChangeReview, DefaultChangeReview)
	def(&p.ServiceReview, DefaultServiceReview)
	def(&p.SupplierReview, DefaultSupplierReview)
	def(&p.Reporting, DefaultReporting)
	def(&p.Recurrence, DefaultRecurrence)
	def(&p.Acknowledge, DefaultAcknowledge)
	def(&p.SecurityReview, DefaultSecurityReview)
	if p.RecurringIncidents <= 0 {
		p.RecurringIncidents = DefaultRecurring
	}
	p.SecurityAssessed = slices.Clone(p.SecurityAssessed)
	return p
}

// Context is what a rule's check reads the store through, for one audit or
// one [Related] call: lookups by ID and by link, every record of a kind
// (read from the store once per call), and indexes over them ([Index])
// built once per call. It is not safe for concurrent use; the library
// makes one per call.
type Context struct {
	// Now is the time the records are judged as of: the end of the audit
	// period, or the Auditor's clock.
	Now time.Time
	// Policy is the policy in force, its defaults filled in.
	Policy Policy

	store process.Store
	kinds map[process.RecordKind][]process.Record
	// The backlinks and records last asked about: the checks of one
	// record ask for the same few many times.
	linkCache [4]linkSlot
	linkNext  int
	getCache  [4]getSlot
	getNext   int
	// deployed memoises releaseDeployed for the release last asked about.
	deployedOf process.ID
	deployedAt time.Time
	deployedOK bool
	// backlinks is the store when it hands out backlinks as slices.
	backlinks backlinker
	indexes   map[any]any
	err       error
}

func newContext(store process.Store, now time.Time, p Policy) *Context {
	c := &Context{Now: now, Policy: p.withDefaults(), store: store,
		kinds: make(map[process.RecordKind][]process.Record), indexes: make(map[any]any)}
	c.backlinks, _ = store.(backlinker)
	return c
}

// Get returns the record with the given ID, or nil when the store has
// none. Another store error is kept and ends the call that made c.
func (c *Context) Get(id process.ID) process.Record {
	for i := range c.getCache {
		if e := &c.getCache[i]; e.r != nil && e.id == id {
			return e.r
		}
	}
	r, err := c.store.Get(id)
	if err != nil {
		if !errorsIsNotFound(err) {
			c.fail(err)
		}
		return nil
	}
	if nilRecord(r) {
		return nil // a store that answers with no record has none
	}
	c.getCache[c.getNext] = getSlot{id: id, r: r}
	c.getNext = (c.getNext + 1) % len(c.getCache)
	return r
}

// LinksTo returns the links other records hold to id, in the store's
// order: a check whose answer could depend on that order sorts what it
// takes from them. The slice may be the store's own or shared with the
// next calls for the same record, and must not be changed.
func (c *Context) LinksTo(id process.ID) []process.Backlink {
	for i := range c.linkCache {
		if e := &c.linkCache[i]; e.ok && e.id == id {
			return e.links
		}
	}
	var bs []process.Backlink
	if c.backlinks != nil {
		bs = c.backlinks.Backlinks(id)
	} else {
		bs = c.collectLinks(id)
	}
	c.linkCache[c.linkNext] = linkSlot{id: id, links: bs, ok: true}
	c.linkNext = (c.linkNext + 1) % len(c.linkCache)
	return bs
}

type linkSlot struct {
	id    process.ID
	links []process.Backlink
	ok    bool
}

type getSlot struct {
	id process.ID
	r  process.Record
}

// collectLinks gathers the backlinks of id from the store's iterator; it
// is apart from LinksTo so that the slice-handing path allocates nothing.
func (c *Context) collectLinks(id process.ID) []process.Backlink {
	var bs []process.Backlink
	for b, err := range c.store.LinksTo(id) {
		if err != nil {
			c.fail(fmt.Errorf("links to %s: %w", id.Short(), err))
			return nil
		}
		bs = append(bs, b)
	}
	return bs
}

// backlinker is a store that hands out a record's backlinks as a slice:
// the read-only view of a [process.MemStore].
type backlinker interface {
	Backlinks(id process.ID) []process.Backlink
}

// LinkedFrom reports whether a record of a kind that match accepts holds
// a link to id of type t (of any type when t is empty).
func (c *Context) LinkedFrom(id process.ID, t process.LinkType, match func(process.RecordKind) bool) bool {
	for _, b := range c.LinksTo(id) {
		if (t == "" || b.Type == t) && match(b.Kind) {
			return true
		}
	}
	return false
}

// Records returns every record of kind k in the store, whatever its
// period, read from the store once per call and shared: it must not be
// changed.
func (c *Context) Records(k process.RecordKind) []process.Record {
	if rs, ok := c.kinds[k]; ok {
		return rs
	}
	var rs []process.Record
	for r, err := range c.store.Records(k) {
		if err != nil {
			c.fail(fmt.Errorf("records of kind %s: %w", k, err))
			break
		}
		if nilRecord(r) {
			c.fail(fmt.Errorf("records of kind %s: the store yielded a nil record: %w", k, process.ErrRequired))
			break
		}
		rs = append(rs, r)
	}
	c.kinds[k] = rs
	return rs
}

// nilRecord reports whether a store gave a record that cannot be read: a
// nil interface, a nil pointer, or one with no header.
func nilRecord(r process.Record) bool {
	if r == nil {
		return true
	}
	if v := reflect.ValueOf(r); v.Kind() == reflect.Pointer && v.IsNil() {
		return true
	}
	return r.Meta() == nil
}

func (c *Context) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// Index is a fact derived from the whole store (the latest service
// report, the periods security incident reviews covered), built once per
// audit or [Related] call the first time a check asks for it, and shared
// by every check of that call. Build it from [Context.Records] so that it
// reads each kind once; its value must not depend on the order records
// come in.
type Index[T any] struct {
	build func(c *Context) T
}

// NewIndex returns an index built by build.
func NewIndex[T any](build func(c *Context) T) *Index[T] { return &Index[T]{build: build} }

// Of returns the index's value for the call c belongs to.
func (ix *Index[T]) Of(c *Context) T {
	if v, ok := c.indexes[ix]; ok {
		return v.(T)
	}
	v := ix.build(c)
	c.indexes[ix] = v
	return v
}

// edgeOf returns the edge of g a rule cites, and whether g has one.
func (g *Graph) edgeOf(r Rule) (Edge, bool) {
	first := -1
	for _, i := range g.out[r.From] {
		e := g.edges[i]
		if e.To != r.To {
			continue
		}
		if e.Carry(r.Kind) || slices.ContainsFunc(r.Calls, e.Carry) {
			return e, true
		}
		if first < 0 {
			first = i
		}
	}
	if first < 0 {
		return Edge{}, false
	}
	return g.edges[first], true
}

// Auditor runs rules on a host's records: [Auditor.Audit] over a period,
// [Auditor.Related] for one record. The zero Auditor applies the library's
// [Rules] with the default [Policy] on the [Standard] graph, as of the
// current time. An Auditor is safe for concurrent use once it is set up:
// each call keeps its own state.
type Auditor struct {
	// Graph is the interface graph; nil means [Standard].
	Graph *Graph
	// Rules are the rules applied, in the order findings are reported;
	// nil means [Rules]. A host adds its own to that list.
	Rules []Rule
	// Policy holds the provider's windows and intervals.
	Policy Policy
	// Now is the clock Related judges records by, and the audit when its
	// period has no end; nil means time.Now.
	Now func() time.Time
}

func (a *Auditor) graph() *Graph {
	if a.Graph == nil {
		return Standard()
	}
	return a.Graph
}

func (a *Auditor) rules() []Rule {
	if a.Rules == nil {
		return libraryRules
	}
	return a.Rules
}

func (a *Auditor) now() time.Time {
	if a.Now == nil {
		return time.Now()
	}
	return a.Now()
}

// checkRules reports every rule that cannot run: no name, a repeated name,
// no kind or no check.
func checkRules(rules []Rule) error {
	v := process.ValidationError{Subject: "audit rules"}
	seen := make(map[string]bool, len(rules))
	for i, r := range rules {
		path := fmt.Sprintf("rules[%d]", i)
		v.Require(path+".name", r.Name != "")
		v.Require(path+".kind", r.Kind != "")
		v.Require(path+".check", r.Check != nil)
		if r.Name != "" && seen[r.Name] {
			v.Addf(path+".name", process.ErrExists, "rule %q is listed twice", r.Name)
		}
		seen[r.Name] = true
	}
	return v.Err()
}
