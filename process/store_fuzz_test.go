package process

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// fuzzWorld is a small consistent store for FuzzStoreMutation: a problem
// in known error with its known error, a scheduled change, an authorised
// change implemented by an accepted release, a closed change with its
// review, an assigned incident, a service request being fulfilled and an
// agreed SLA, with what they link to.
type fuzzWorld struct {
	s    *MemStore
	ids  []ID // the records the fuzz mutates, in a fixed order
	auth ID   // the authorised change the release implements
}

// The records of a fuzzWorld, by their index in ids.
const (
	fwProblem = iota
	fwKnownError
	fwScheduled
	fwAuthorised
	fwIncident
	fwRelease
	fwSLA
	fwRequest
	fwClosed
	fwRecords
)

func newFuzzWorld(t *testing.T) *fuzzWorld {
	t.Helper()
	c := &clock{}
	s := NewMemStore()
	w := &fuzzWorld{s: s, ids: make([]ID, fwRecords)}

	p := newProblem(t, c)
	storeWithTargets(t, s, p)
	k := newKnownError(t, p.ID, c)
	storeWithTargets(t, s, k)
	ok(t, p.Investigate(pm, c.next()))
	ok(t, p.Identify(pm, c.next(), k))
	storeWithTargets(t, s, p)
	w.ids[fwProblem], w.ids[fwKnownError] = p.ID, k.ID

	r := rfcTo(t, ChangeScheduled, c)
	storeWithTargets(t, s, r)
	w.ids[fwScheduled] = r.ID

	rel := storedRelease(t, s, c)
	w.ids[fwRelease], w.ids[fwAuthorised], w.auth = rel.ID, rel.Changes[0], rel.Changes[0]

	i := newIncident(t, c)
	ok(t, i.Assign(desk, c.next(), "mail team", "ines"))
	storeWithTargets(t, s, i)
	w.ids[fwIncident] = i.ID

	sla := newSLA(t)
	ok(t, sla.Agree(slm, c.next(), "signed"))
	storeWithTargets(t, s, sla)
	w.ids[fwSLA] = sla.ID

	sr := newServiceRequest(t, c)
	ok(t, sr.Fulfil(desk, c.next(), "desk"))
	storeWithTargets(t, s, sr)
	w.ids[fwRequest] = sr.ID

	closed := rfcTo(t, ChangeImplemented, c)
	pir := newPIR(t, closed.ID)
	storeWithTargets(t, s, pir)
	ok(t, closed.Review(cm, c.next(), pir))
	ok(t, closed.Close(cm, c.next()))
	storeWithTargets(t, s, closed)
	w.ids[fwClosed] = closed.ID
	return w
}

// fuzzBytes reads the fuzz input a byte at a time, zeros once it is used up.
type fuzzBytes struct {
	b []byte
	i int
}

func (f *fuzzBytes) next() int {
	if f.i >= len(f.b) {
		return 0
	}
	f.i++
	return int(f.b[f.i-1])
}

// id reads an ID from the next 16 bytes.
func (f *fuzzBytes) id() ID {
	var id ID
	for i := range id {
		id[i] = byte(f.next())
	}
	return id
}

// The mutations of FuzzStoreMutation.
const (
	mutStatus = iota
	mutProtected
	mutTruncate
	mutHistoryEdit
	mutLink
	mutUnlink
	mutMove
	mutations
)

var mutationNames = []string{"status rewrite", "protected field rewrite", "history truncation", "history edit", "link to a random ID", "link removal", "legal move"}

// statesFor returns the lifecycle states of r's kind.
func statesFor(r Record) []string {
	switch r.(type) {
	case *Problem:
		return lifecycleStates(problemLifecycle)
	case *KnownError:
		return lifecycleStates(knownErrorLifecycle)
	case *RequestForChange:
		return lifecycleStates(changeLifecycle)
	case *Incident:
		return lifecycleStates(incidentLifecycle)
	case *Release:
		return lifecycleStates(releaseLifecycle)
	case *SLA:
		return lifecycleStates(slaLifecycle)
	case *ServiceRequest:
		return lifecycleStates(requestLifecycle)
	}
	return nil
}

// protectedEdits returns the direct writes to r's accountability fields and
// approved content: each makes r disagree with its history or with what
// was approved.
func protectedEdits(r Record, f *fuzzBytes) []func() {
	mallory := fmt.Sprintf("mallory-%d", f.next())
	switch r := r.(type) {
	case *RequestForChange:
		edits := []func(){
			func() { r.Requester = mallory },
			func() { r.Implementer = mallory },
			func() {
				r.Approvals = append(r.Approvals, Approval{By: mallory, At: r.Updated, Decision: DecisionApprove})
			},
			func() { r.Description += " and more" },
		}
		if len(r.Approvals) > 0 {
			n := f.next() % len(r.Approvals)
			edits = append(edits,
				func() { r.Approvals[n].By = mallory },
				func() { r.Approvals = slices.Delete(r.Approvals, n, n+1) },
				func() { r.Approvals[n].Decision = DecisionReject },
			)
		}
		return edits
	case *Incident:
		return []func(){
			func() { r.Priority = r.Priority%5 + 1 },
			func() { r.Impact = LevelLow + "-" + Level(mallory) },
			func() { r.Urgency = "" },
			func() { r.Major = !r.Major },
		}
	case *Problem:
		return []func(){
			func() { r.Priority = r.Priority%5 + 1 },
			func() { r.Impact = Level(mallory) },
			func() { r.KnownError = ID{} },
		}
	case *KnownError:
		return []func(){
			func() { r.Problem = NewID() },
			func() { r.Status = string(KnownErrorRetired) },
		}
	case *Release:
		return []func(){
			func() { r.AcceptedBy = mallory },
			func() { r.Changes = append(r.Changes, NewID()) },
			func() { r.Description += " and more" },
			func() { r.Version += ".1" },
			func() { r.Deliverables = append(r.Deliverables, "extra") },
		}
	case *SLA:
		return []func(){
			func() { r.Targets[0].Value = r.Targets[0].Value.Sub(decimal.NewFromInt(int64(f.next()%5 + 1))) },
			func() { r.Customer = NewID() },
			func() { r.Exceptions = nil },
		}
	case *ServiceRequest:
		return []func(){
			func() { r.Requester = mallory },
			func() { r.Approver = mallory },
			func() { r.Priority = r.Priority%5 + 1 },
		}
	}
	return nil
}

// linkTypesFor returns link types r's kind may hold, with the kind they
// point to.
func linkTypesFor(r Record) []Link {
	switch r.(type) {
	case *Problem:
		return []Link{{Type: LinkService, Kind: KindService}, {Type: LinkRequires, Kind: KindRequestForChange}, {Type: LinkKnownError, Kind: KindKnownError}}
	case *KnownError:
		return []Link{{Type: LinkAffects, Kind: KindConfigurationItem}}
	case *RequestForChange:
		return []Link{{Type: LinkAffects, Kind: KindConfigurationItem}, {Type: LinkReviewedBy, Kind: KindPostImplementationReview}, {Type: LinkImplementedBy, Kind: KindRelease}}
	case *Incident:
		return []Link{{Type: LinkRaised, Kind: KindProblem}, {Type: LinkReviewedBy, Kind: KindMajorIncidentReview}}
	case *Release:
		return []Link{{Type: LinkTestedBy, Kind: KindReleaseAcceptanceTest}, {Type: LinkFixes, Kind: KindKnownError}}
	case *SLA:
		return []Link{{Type: LinkAmendedBy, Kind: KindRequestForChange}}
	case *ServiceRequest:
		return []Link{{Type: LinkDuplicateOf, Kind: KindIncident}}
	}
	return []Link{{Type: "x-fuzz", Kind: r.Meta().Kind}}
}

// legalMoves returns moves of r, by the actors their rules ask for, that
// keep the store consistent when they succeed.
func legalMoves(r Record, at time.Time) []func() error {
	note := func() error { return r.Meta().Note(nobody, at, "checked") }
	switch r := r.(type) {
	case *Problem:
		return []func() error{note,
			func() error { return r.Resolve(pm, at, "quota set") },
			func() error { return r.Classify(pm, at, "storage", LevelHigh, LevelHigh, 1) },
			func() error { return r.Cancel(pm, at, "duplicate") },
		}
	case *KnownError:
		return []func() error{note,
			func() error { return r.Retire(pm, at, "fixed") },
			func() error { return r.AwaitFix(pm, at, NewID()) },
		}
	case *RequestForChange:
		return []func() error{note,
			func() error { return r.Implement(desk, at) },
			func() error { return r.Cancel(desk, at, "withdrawn") },
			func() error { return Set(r, "description", &r.Description, "also the archive", ID{}, "", nobody, at) },
			func() error { return Set(r, "risk", &r.Risk, LevelHigh, ID{}, "", cm, at) },
		}
	case *Incident:
		return []func() error{note,
			func() error { return r.Start(desk, at) },
			func() error { return r.Resolve(desk, at, "restarted") },
			func() error { return r.Pend(desk, at, PendingCustomer) },
			func() error { return r.Cancel(desk, at, "duplicate") },
			func() error { return r.DeclareMajor(im, at, "mika", "all mail down") },
			func() error { return Set(r, "priority", &r.Priority, 1, ID{}, "escalated", im, at) },
		}
	case *Release:
		return []func() error{note,
			func() error { return r.Cancel(rm, at, "descoped") },
		}
	case *SLA:
		return []func() error{note,
			func() error { return r.Retire(slm, at, "replaced") },
		}
	case *ServiceRequest:
		return []func() error{note,
			func() error { return r.Pend(desk, at, PendingSupplier) },
			func() error { return r.Complete(desk, at, "laptop delivered") },
			func() error { return r.Cancel(desk, at, "not needed") },
		}
	}
	return []func() error{note}
}

// FuzzStoreMutation puts into a small consistent store a copy of one of its
// records, taken with Get and changed as the input says: its status
// rewritten, an accountability field or approved content written directly,
// its history truncated or an entry edited, a link to an ID not stored, a
// link removed, or a legal move through the record's methods. Illegal
// changes must be refused by Put with the stored record unchanged; legal
// moves that the method accepts must be accepted, and stored as put.
// Nothing may panic.
func FuzzStoreMutation(f *testing.F) {
	for m := range mutations {
		for r := range fwRecords {
			if (m+r)%5 == 0 {
				f.Add([]byte{byte(r), byte(m), 1, 2, 3})
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w := newFuzzWorld(t)
		in := &fuzzBytes{b: data}
		idx, mut := in.next()%fwRecords, in.next()%mutations
		id := w.ids[idx]
		stored, err := w.s.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		cp, err := w.s.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		h := cp.Meta()
		what := fmt.Sprintf("%s on %s (%s)", mutationNames[mut], h.Subject(), h.Status)
		legal := false

		switch mut {
		case mutStatus:
			states := statesFor(cp)
			to := states[in.next()%len(states)]
			if to == h.Status {
				to = states[(slices.Index(states, to)+1)%len(states)]
			}
			h.Status = to
			what += " to " + to
		case mutProtected:
			edits := protectedEdits(cp, in)
			edits[in.next()%len(edits)]()
		case mutTruncate:
			n := 1 + in.next()%len(h.History)
			h.History = h.History[:len(h.History)-n]
			what += fmt.Sprintf(" by %d", n)
		case mutHistoryEdit:
			e := &h.History[in.next()%len(h.History)]
			switch in.next() % 6 {
			case 0:
				e.Actor += "x"
			case 1:
				e.Note += "x"
			case 2:
				e.At = e.At.Add(time.Duration(1+in.next()) * time.Second)
			case 3:
				e.Source = "elsewhere"
			case 4:
				e.Scope += "0"
			default:
				e.Ref = NewID()
			}
		case mutLink:
			types := linkTypesFor(cp)
			l := types[in.next()%len(types)]
			direct := in.next()%2 == 0
			l.To = in.id()
			if direct {
				h.Links = append(h.Links, l)
			} else if err := h.Link(nobody, afterHistory(cp), l.Type, l.To, l.Kind); err != nil {
				return // refused in memory: nothing to put
			}
			what += fmt.Sprintf(" (%s to %s, direct %v)", l.Type, l.To.Short(), direct)
		case mutUnlink:
			if len(h.Links) == 0 {
				return
			}
			l := h.Links[in.next()%len(h.Links)]
			direct := in.next()%2 == 0
			what += fmt.Sprintf(" (%s to %s, direct %v)", l.Type, l.To.Short(), direct)
			if !direct {
				before := clone(cp)
				if err := h.Unlink(nobody, afterHistory(cp), l.Type, l.To); err != nil {
					if !reflect.DeepEqual(before, cp) {
						t.Fatalf("%s: Unlink refused (%v) but changed the record", what, err)
					}
					return
				}
				legal = true // recorded in the history: the store decides
				break
			}
			h.Links = slices.DeleteFunc(slices.Clone(h.Links), func(o Link) bool { return o == l })
		case mutMove:
			moves := legalMoves(cp, afterHistory(cp))
			move := moves[in.next()%len(moves)]
			before := clone(cp)
			if err := move(); err != nil {
				if !reflect.DeepEqual(before, cp) {
					t.Fatalf("%s: the move was refused (%v) but changed the record", what, err)
				}
				return
			}
			legal = true
		}

		n := w.s.Len()
		err = w.s.Put(cp)
		t.Logf("%s: Put: %v", what, err)
		after, gerr := w.s.Get(id)
		if gerr != nil {
			t.Fatal(gerr)
		}
		if w.s.Len() != n {
			t.Fatalf("%s: Put changed the number of records", what)
		}
		switch {
		case err != nil && legal && mut == mutUnlink:
			// An unlink the rules refuse (a field still names the target).
		case err != nil && legal:
			t.Fatalf("%s: a legal move was refused: %v", what, err)
		case err == nil && !legal:
			regressed(t, mut == mutUnlink && !linkMirrored(stored, cp), "%s: a link removed directly, with no history entry, was accepted: Check does not hold links to the history (only links a field or a rule names are checked)", what)
			t.Fatalf("%s: accepted by Put", what)
		}
		if err != nil {
			if !reflect.DeepEqual(stored, after) {
				t.Fatalf("%s: refused (%v) but the stored record changed", what, err)
			}
			if mut == mutHistoryEdit || mut == mutTruncate {
				// Rewritten, or caught before the comparison: invalid, or
				// no longer matching what an approval bound.
				if !errors.Is(err, ErrHistoryRewritten) && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrInconsistent) {
					t.Fatalf("%s: got %v, want ErrHistoryRewritten", what, err)
				}
			}
			return
		}
		if !reflect.DeepEqual(cp, after) {
			t.Fatalf("%s: stored record differs from what was put", what)
		}
		// The store stays consistent: every record still passes Check.
		for _, other := range w.ids {
			rec, err := w.s.Get(other)
			if err != nil {
				t.Fatal(err)
			}
			if err := Check(w.s, rec); err != nil {
				if other == w.ids[fwRelease] && id == w.auth {
					// Rules that span records hold when the record that
					// names another is written (Check's contract); a later
					// change of the record named is found by the next write
					// of the release, which is refused, and by the audit.
					continue
				}
				t.Fatalf("%s: after it, stored %s fails Check: %v", what, rec.Meta().Subject(), err)
			}
		}
	})
}

// linkMirrored reports whether a link in before but not in after is one that
// a field of the record or a rule on its state names, so that removing it
// directly is refused without replaying the history.
func linkMirrored(before, after Record) bool {
	for _, l := range before.Meta().Links {
		if slices.Contains(after.Meta().Links, l) {
			continue
		}
		switch l.Type {
		case LinkService, LinkAffects, LinkKnownError, LinkFixes, LinkCarries, LinkBaselinedBy, LinkAmendedBy:
			return true
		case LinkReviewedBy:
			return true
		}
	}
	return false
}
