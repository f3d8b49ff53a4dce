package process

import (
	"fmt"
	"iter"
	"slices"
	"time"
)

// Move is one allowed step of a lifecycle: from any of the states From to
// the state To, by an actor holding Role (any actor when Role is "").
type Move[S ~string] struct {
	From []S
	To   S
	Role Role
}

// Lifecycle is the set of states of a record kind and the moves allowed
// between them, as data. It is immutable and safe for concurrent use; each
// record type of the library returns its own from a Lifecycle method, such
// as [Incident.Lifecycle].
type Lifecycle[S ~string] struct {
	kind    RecordKind
	initial S
	states  []S
	final   []S
	moves   []Move[S]
}

// NewLifecycle builds a lifecycle for records of kind, starting in initial,
// with the given states (initial among them), final states and moves. It
// returns a *ValidationError if a move names an unknown state or a final
// state has moves out. Hosts use it for their own record kinds.
func NewLifecycle[S ~string](kind RecordKind, initial S, states, final []S, moves []Move[S]) (*Lifecycle[S], error) {
	l := &Lifecycle[S]{kind: kind, initial: initial, states: slices.Clone(states), final: slices.Clone(final)}
	for _, m := range moves {
		l.moves = append(l.moves, Move[S]{From: slices.Clone(m.From), To: m.To, Role: m.Role})
	}
	v := ValidationError{Subject: string(kind) + " lifecycle"}
	v.Require("kind", kind != "")
	if !slices.Contains(states, initial) {
		v.Addf("initial", ErrInvalidValue, "%q is not a state", initial)
	}
	for i, f := range final {
		if !slices.Contains(states, f) {
			v.Addf(fmt.Sprintf("final[%d]", i), ErrInvalidValue, "%q is not a state", f)
		}
	}
	for i, m := range moves {
		p := fmt.Sprintf("moves[%d]", i)
		if !slices.Contains(states, m.To) {
			v.Addf(p+".to", ErrInvalidValue, "%q is not a state", m.To)
		}
		v.Require(p+".from", len(m.From) > 0)
		for j, f := range m.From {
			if !slices.Contains(states, f) {
				v.Addf(fmt.Sprintf("%s.from[%d]", p, j), ErrInvalidValue, "%q is not a state", f)
			}
			if slices.Contains(final, f) {
				v.Addf(fmt.Sprintf("%s.from[%d]", p, j), ErrInvalidValue, "%q is final", f)
			}
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

// MustLifecycle is [NewLifecycle] for lifecycles declared as package-level
// data, as the library's own are: it panics if the lifecycle is invalid,
// which is a programming error the package's tests catch (the shape of
// regexp.MustCompile).
func MustLifecycle[S ~string](kind RecordKind, initial S, states, final []S, moves []Move[S]) *Lifecycle[S] {
	l, err := NewLifecycle(kind, initial, states, final, moves)
	if err != nil {
		panic(err)
	}
	return l
}

// Kind returns the record kind the lifecycle governs.
func (l *Lifecycle[S]) Kind() RecordKind { return l.kind }

// Initial returns the state a new record starts in.
func (l *Lifecycle[S]) Initial() S { return l.initial }

// States returns every state, in the order the lifecycle declares them.
func (l *Lifecycle[S]) States() []S { return slices.Clone(l.states) }

// Valid reports whether s is a state of the lifecycle.
func (l *Lifecycle[S]) Valid(s S) bool { return slices.Contains(l.states, s) }

// Final reports whether s is a final state, from which no move leads out.
func (l *Lifecycle[S]) Final(s S) bool { return slices.Contains(l.final, s) }

// Moves yields every allowed move.
func (l *Lifecycle[S]) Moves() iter.Seq[Move[S]] {
	return func(yield func(Move[S]) bool) {
		for _, m := range l.moves {
			if !yield(Move[S]{From: slices.Clone(m.From), To: m.To, Role: m.Role}) {
				return
			}
		}
	}
}

// Next returns the states reachable in one move from s, in declaration order.
func (l *Lifecycle[S]) Next(s S) []S {
	var next []S
	for _, m := range l.moves {
		if slices.Contains(m.From, s) && !slices.Contains(next, m.To) {
			next = append(next, m.To)
		}
	}
	return next
}

// Can reports whether a move from to to is allowed, and the role it needs.
func (l *Lifecycle[S]) Can(from, to S) (role Role, ok bool) {
	for _, m := range l.moves {
		if m.To == to && slices.Contains(m.From, from) {
			return m.Role, true
		}
	}
	return "", false
}

// Apply moves the record whose header is h from its current state to to, on
// behalf of by at time at, with note for the history. Record types of other
// packages (sms, budgeting, capacity, a host's own kinds) call it from their
// move methods. In order it refuses: a record of a kind this package has a
// type for (those move through their methods, which check the preconditions
// Apply cannot know; wraps [ErrInvalidTransition]), a move the lifecycle does
// not allow ([ErrInvalidTransition]), an actor without the move's role
// ([ErrForbidden]), a missing actor or time ([ErrRequired]) or a time before
// the record's last history entry ([ErrInvalidValue]), and whatever check
// returns (wrapped as given; [ErrPrecondition] and [ErrSegregation] are the
// usual reasons). Every refusal is a *TransitionError and leaves the record
// unchanged. On success it sets the state, moves Updated and appends the move
// to the history.
func (l *Lifecycle[S]) Apply(by Actor, at time.Time, h *Header, to S, note string, check func() error) error {
	if newRecord(h.Kind) != nil {
		return &TransitionError{Kind: h.Kind, ID: h.ID, From: h.Status, To: string(to),
			Err: fmt.Errorf("%w: %s records move through their own methods", ErrInvalidTransition, h.Kind)}
	}
	return l.apply(h, to, by, at, note, check)
}

// apply is Apply for every kind: the record types of the package call it
// from their move methods, after which they add their own effects.
func (l *Lifecycle[S]) apply(h *Header, to S, by Actor, at time.Time, note string, check func() error) error {
	from := S(h.Status)
	fail := func(err error) error {
		return &TransitionError{Kind: h.Kind, ID: h.ID, From: string(from), To: string(to), Err: err}
	}
	role, ok := l.Can(from, to)
	if !ok {
		return fail(ErrInvalidTransition)
	}
	if role != "" && !by.Has(role) {
		return fail(fmt.Errorf("%w: %s", ErrForbidden, role))
	}
	if err := CheckIdentity(by.ID); err != nil {
		return fail(fmt.Errorf("actor: %w", err))
	}
	if at.IsZero() {
		return fail(fmt.Errorf("time: %w", ErrRequired))
	}
	if n := len(h.History); n > 0 && at.Before(h.History[n-1].At) {
		return fail(fmt.Errorf("time %s is before the last history entry: %w", at.Format(time.RFC3339), ErrInvalidValue))
	}
	if check != nil {
		if err := check(); err != nil {
			return fail(err)
		}
	}
	h.Status = string(to)
	h.append(Event{At: at, Actor: by.ID, Action: ActionMoved, From: string(from), To: string(to), Note: note})
	return nil
}

// ValidateState adds to v the findings on the header's status: a
// "status" finding if it is unset or not a state of l, and one for each
// history entry that the state cannot be explained by. The status must be
// where the history's moves lead ([ErrInconsistent] otherwise): the first
// move starts from the initial state, each later one from where the one
// before it ended, each is a move l allows, and a record with no move is
// in the initial state. The history must begin with the record's creation.
// A record type's Validate calls it, so a record whose status was written
// rather than moved is invalid wherever it is validated: in a store, on
// import, in a host's own checks (ISO/IEC 20000-1:2011, 4.3.3).
func (l *Lifecycle[S]) ValidateState(h *Header, v *ValidationError) {
	switch {
	case h.Status == "":
		v.Add("status", ErrRequired)
		return
	case !l.Valid(S(h.Status)):
		v.Addf("status", ErrInvalidValue, "%q is not a %s state", h.Status, l.kind)
		return
	}
	if len(h.History) == 0 || h.History[0].Action != ActionCreated {
		v.Addf("history[0]", ErrInconsistent, "the history does not begin with the record's creation")
	}
	state, bad := l.replay(h.History)
	if bad >= 0 {
		e := h.History[bad]
		v.Addf(fmt.Sprintf("history[%d]", bad), ErrInconsistent, "move %s → %s, but the record was %s", orNone(e.From), orNone(e.To), state)
		return
	}
	if S(h.Status) != state {
		v.Addf("status", ErrInconsistent, "%s, but the history's moves lead to %s", h.Status, state)
	}
}

// replay follows the moves of history from the initial state and returns
// the state they lead to, or the state before the first move that does not
// follow (its From is not the current state, or l does not allow it) with
// that move's index; bad is -1 when every move follows.
func (l *Lifecycle[S]) replay(history []Event) (state S, bad int) {
	state = l.initial
	for i, e := range history {
		if e.Action != ActionMoved {
			continue
		}
		if S(e.From) != state {
			return state, i
		}
		if _, ok := l.Can(state, S(e.To)); !ok {
			return state, i
		}
		state = S(e.To)
	}
	return state, -1
}

// Start sets a new record's status to the lifecycle's initial state; a
// record type's constructor calls it after [NewHeader].
func (l *Lifecycle[S]) Start(h *Header) { h.Status = string(l.initial) }
