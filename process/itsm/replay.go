package itsm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/smskit/iso20000/process"
)

// Options are the choices a host makes when it replays a tool's rows or
// exports a record. A nil *Options gives the defaults each field states.
type Options struct {
	// Source names the tool's instance for [process.Import]
	// ("servicenow:prod"); the default is the tool's name.
	Source string
	// Lookup maps a value the tool's installation defines (an assignment
	// group, a category, a GLPI pending reason or solution type, an iTop
	// pending reason, a GLPI item state) onto the host's, by the library
	// field it goes to ("assigneeGroup"): ok false says the host does not
	// know it. Nil takes text values as they are and codes as the tool's
	// mapping gives them.
	Lookup func(field, value string) (v string, ok bool)
	// User maps the tool's user ID onto the host's identity ([process.Actor]);
	// ok false leaves the user's rows unplaced. Nil takes it as it is.
	User func(user string) (id string, ok bool)
	// Roles gives the roles a user held in the tool. The tool let the
	// user make the change, so nil trusts every role the library's moves
	// ask for; segregation of duties is still checked on the identities.
	Roles func(user string) []process.Role
	// ServiceOf gives the services the configuration item ci is a part of
	// in the host's CMDB ([ServicesFromStore] reads a store's items; an
	// impact analysis of process/cmdb is another source). An incident that
	// names only a CI gets its service derived from the CI when exactly one
	// service is given, in the history as the importer's derivation
	// ([process.Incident.DeriveService]). Nil derives nothing.
	ServiceOf func(ci process.ID) []process.ID
	// Ref maps the tool's reference to a record (a service's, a CI's key)
	// onto the record's ID; nil uses [RefID].
	Ref func(kind process.RecordKind, key string) (process.ID, bool)
	// Key maps a record's ID onto the tool's key, for [Export]; nil writes
	// the ID (as ServiceNow writes a sys_id: 32 hexadecimal digits).
	Key func(kind process.RecordKind, id process.ID) (string, bool)
	// ChangeClass is the class of the changes of a tool that keeps none
	// (GLPI); a replay of such a change without it is refused, the class
	// being required (ISO/IEC 20000-1:2011, 9.2). iTop's NormalChange
	// holds normal changes.
	ChangeClass process.ChangeClass
	// ChangePolicy is the change policy under which replayed changes are
	// authorised and scheduled (nil: one approval, no standard models).
	ChangePolicy *process.ChangePolicy
	// Location is where dates held in fields (a change's planned start and
	// end) are read and written; nil is UTC.
	Location *time.Location
}

// ErrUnmapped marks a field or value that a tool's mapping does not hold,
// and a record the tool has no table for.
var ErrUnmapped = errors.New("itsm: not mapped")

// ErrNotPlaced marks a row that the library's record cannot take: a move
// its lifecycle does not allow, a value a rule refuses. The error wraps
// the library's reason.
var ErrNotPlaced = errors.New("itsm: row not placed")

// Report says what [Replay] made of a record's rows: every row is placed
// (its change is in the record and its history) or listed in Unplaced
// with why; the values kept as [process.Unrecorded] are listed too
// (ISO/IEC 20000-1:2011, 4.3.3).
type Report struct {
	// Ticket is the key of the record replayed.
	Ticket string
	// Rows is the number of rows read, Placed those placed.
	Rows, Placed int
	// Unplaced are the rows not placed, in order.
	Unplaced []Finding
	// Unrecorded are the rows placed as [process.Unrecorded]: a value the
	// tool's mapping or the host's [Options.Lookup] does not know.
	Unrecorded []Finding
	// Notes say what the replay derived (an incident's service from its
	// CI) or could not derive, and why.
	Notes []string
}

// Finding is one row of a [Report]: which row, its field and value, and
// why it is listed.
type Finding struct {
	Row   int    // the index of the row among those given
	Field string // the tool's field
	Value string // the row's new value
	Err   error
}

// Error returns "row 3 (state = 7): reason".
func (f Finding) Error() string {
	return fmt.Sprintf("row %d (%s = %q): %v", f.Row, f.Field, f.Value, f.Err)
}

// Unwrap returns the reason.
func (f Finding) Unwrap() error { return f.Err }

// refNamespace is the namespace of the name-based IDs of [RefID].
var refNamespace = uuid.MustParse("5b0c4f5e-2a7e-4f47-9d43-6b1f0f0c2a11")

// RefID returns the ID of the record of kind that tool t keys key: the key
// itself when it is a UUID (a ServiceNow sys_id, 32 hexadecimal digits, is
// one), and otherwise the name-based (version 5) UUID of the tool's name,
// the kind and the key, so that the same key always gives the same ID.
func RefID(t *Tool, kind process.RecordKind, key string) process.ID {
	if id, err := uuid.Parse(key); err == nil && id != uuid.Nil {
		return process.ID(id)
	}
	return process.ID(uuid.NewSHA1(refNamespace, []byte(t.name+"/"+string(kind)+"/"+key)))
}

// ServicesFromStore returns the [Options.ServiceOf] that reads the
// services of a configuration item from its record in s (its Services,
// linked with [process.LinkService]); an item not in s has none.
func ServicesFromStore(s process.Store) func(ci process.ID) []process.ID {
	return func(ci process.ID) []process.ID {
		r, err := s.Get(ci)
		if err != nil {
			return nil
		}
		if c, ok := r.(*process.ConfigurationItem); ok {
			return append([]process.ID(nil), c.Services...)
		}
		return nil
	}
}

// replayRoles are the roles trusted of a tool's users when the host gives
// none: those the replayed moves ask for.
var replayRoles = []process.Role{process.RoleServiceDesk, process.RoleIncidentManager, process.RoleMajorIncidentManager,
	process.RoleProblemManager, process.RoleChangeManager, process.RoleChangeAuthority,
	process.RoleEmergencyAuthority, process.RoleConfigurationManager}

// unrecordable are the library fields whose unknown values are kept as
// [process.Unrecorded] rather than refused.
var unrecordable = map[string]bool{"assigneeGroup": true, "category": true, "resolutionCode": true,
	"pendingReason": true, "impact": true, "urgency": true, "risk": true, "closeCode": true}

// lookedUp are the library fields whose values the installation defines,
// which [Options.Lookup] maps.
var lookedUp = map[string]bool{"assigneeGroup": true, "category": true, "resolutionCode": true,
	"pendingReason": true, "status": true}

// change is one row's change, decoded: the library field and value.
type change struct {
	row   int
	field *Field
	value string
}

// replayer holds what a replay of one record works with.
type replayer struct {
	t      *Tool
	tb     *Table
	o      Options
	rows   []Row
	rep    *Report
	placed []bool
	listed []bool // reported unplaced
	ticket string
	source string
}

// Replay makes the record of kind that rows, the ordered audit rows of one
// record of tool t, describe, and imports it through [process.Import]
// on behalf of by at at: every row becomes the library's move or audited
// write that expresses it (a group set while new assigns the incident, a
// state moved to Closed on a ticket never resolved cancels it, a change of
// hold reason while on hold is a move pending → pending), or is reported
// with why it could not be placed; nothing the rows do not hold is added,
// but for an incident's service derived from its CI when
// [Options.ServiceOf] allows it. The record's ID is [RefID] of the
// ticket's key. It returns the record, the report, and the error of
// Import when the record the rows make is refused (the report then still
// says what was placed); a kind t does not map is an error wrapping
// [ErrUnmapped] (ISO/IEC 20000-1:2011, 4.3.3).
func Replay(t *Tool, kind process.RecordKind, rows []Row, o *Options, by process.Actor, at time.Time) (process.Record, *Report, error) {
	if t == nil {
		return nil, nil, fmt.Errorf("itsm: replay: no tool: %w", process.ErrRequired)
	}
	tb := t.table(kind)
	if tb == nil {
		return nil, nil, fmt.Errorf("itsm: %s has no table for %s: %w", t.name, kind, ErrUnmapped)
	}
	r := &replayer{t: t, tb: tb, rows: rows, rep: &Report{Rows: len(rows)}, placed: make([]bool, len(rows)), listed: make([]bool, len(rows))}
	if o != nil {
		r.o = *o
	}
	r.source = r.o.Source
	if r.source == "" {
		r.source = t.name
	}
	if len(rows) == 0 {
		return nil, r.rep, fmt.Errorf("itsm: replay: no rows: %w", process.ErrRequired)
	}
	r.ticket = rows[0].Ticket
	r.rep.Ticket = r.ticket
	var e engine
	switch kind {
	case process.KindIncident:
		e = &incidentEngine{r: r}
	case process.KindProblem:
		e = &problemEngine{r: r}
	case process.KindRequestForChange:
		e = &changeEngine{r: r}
	case process.KindConfigurationItem:
		e = &ciEngine{r: r}
	default:
		return nil, nil, fmt.Errorf("itsm: replay of %s: %w", kind, ErrUnmapped)
	}
	created := false
	var last time.Time
	for _, s := range r.steps() {
		row := rows[s[0]]
		actor, err := r.actor(row.User)
		if err != nil {
			r.fail(s, err)
			continue
		}
		if row.At.IsZero() || row.At.Before(last) {
			r.fail(s, fmt.Errorf("time %s is before the rows it follows: %w", row.At.Format(time.RFC3339), process.ErrInvalidValue))
			continue
		}
		changes := r.decode(s)
		if !created {
			if err := e.create(changes, actor, row.At); err != nil {
				// No record to place any row in: every row is reported.
				for i := range rows {
					r.placed[i] = false
					r.unplaced(i, fmt.Errorf("%w: the record is not created: %w", ErrNotPlaced, err))
				}
				return nil, r.rep, fmt.Errorf("itsm: %s %s: %w", t.name, r.ticket, err)
			}
			created = true
		} else {
			e.step(changes, actor, row.At)
		}
		last = row.At
	}
	if !created {
		return nil, r.rep, fmt.Errorf("itsm: %s %s: no row could create the record: %w", t.name, r.ticket, ErrNotPlaced)
	}
	rec := e.record()
	e.finish(by, at)
	for i, p := range r.placed {
		if p {
			r.rep.Placed++
		} else if !r.listed[i] {
			r.unplaced(i, fmt.Errorf("%w: nothing in the record follows from it", ErrNotPlaced))
		}
	}
	if err := process.Import(rec, r.source, by, at); err != nil {
		return rec, r.rep, err
	}
	return rec, r.rep, nil
}

// engine replays the rows of one kind of record.
type engine interface {
	create(cs []change, by process.Actor, at time.Time) error
	step(cs []change, by process.Actor, at time.Time)
	finish(by process.Actor, at time.Time)
	record() process.Record
}

// steps groups the rows into steps: runs of rows at one instant by one
// user, one save in the tool.
func (r *replayer) steps() [][]int {
	var out [][]int
	for i, row := range r.rows {
		if row.Ticket != r.ticket {
			r.unplaced(i, fmt.Errorf("a row of %q among the rows of %q: %w", row.Ticket, r.ticket, process.ErrInvalidValue))
			continue
		}
		if n := len(out); n > 0 {
			p := r.rows[out[n-1][0]]
			if p.At.Equal(row.At) && p.User == row.User {
				out[n-1] = append(out[n-1], i)
				continue
			}
		}
		out = append(out, []int{i})
	}
	return out
}

// actor returns the actor of a tool user.
func (r *replayer) actor(user string) (process.Actor, error) {
	id := user
	if r.o.User != nil {
		var ok bool
		if id, ok = r.o.User(user); !ok {
			return process.Actor{}, fmt.Errorf("user %q: %w", user, ErrUnmapped)
		}
	}
	if err := process.CheckIdentity(id); err != nil {
		return process.Actor{}, fmt.Errorf("user: %w", err)
	}
	roles := replayRoles
	if r.o.Roles != nil {
		roles = r.o.Roles(user)
	}
	return process.Actor{ID: id, Roles: roles}, nil
}

// decode decodes the rows of a step, reporting those whose field or value
// the mapping does not hold.
func (r *replayer) decode(s []int) []change {
	var cs []change
	for _, i := range s {
		row := r.rows[i]
		f := r.tb.byAudit(row.Field)
		if f == nil {
			r.unplaced(i, fmt.Errorf("field %q of %s: %w", row.Field, r.tb.Name, ErrUnmapped))
			continue
		}
		v, err := r.value(i, f, row.New)
		if err != nil {
			r.unplaced(i, err)
			continue
		}
		cs = append(cs, change{row: i, field: f, value: v})
	}
	return cs
}

// value decodes the tool's value v of field f in row i.
func (r *replayer) value(i int, f *Field, v string) (string, error) {
	if strings.TrimSpace(v) == process.Unrecorded {
		return "", fmt.Errorf("value %q spells the library's marker of an unrecorded value: %w", v, process.ErrInvalidValue)
	}
	lib := f.Library
	if r.o.Lookup != nil && lookedUp[lib] && len(f.Codes) == 0 && v != "" {
		if got, ok := r.o.Lookup(lib, v); ok {
			return got, nil
		}
		if unrecordable[lib] {
			r.kept(i, f, v)
			return process.Unrecorded, nil
		}
		return "", fmt.Errorf("%s %q: unknown to the host: %w", f.Name, v, ErrUnmapped)
	}
	got, ok := f.Decode(v)
	if ok && lib == "pendingReason" && len(f.Codes) == 0 && got != "" && !process.PendingReason(got).Valid() {
		ok = false
	}
	if ok {
		return got, nil
	}
	if unrecordable[lib] {
		r.kept(i, f, v)
		return process.Unrecorded, nil
	}
	return "", fmt.Errorf("%s %q: no such code in %s: %w", f.Name, v, r.t.name, ErrUnmapped)
}

// ref returns the ID of the record of kind the tool keys key.
func (r *replayer) ref(kind process.RecordKind, key string) (process.ID, error) {
	if r.o.Ref != nil {
		id, ok := r.o.Ref(kind, key)
		if !ok {
			return process.ID{}, fmt.Errorf("%s %q: %w", kind, key, ErrUnmapped)
		}
		return id, nil
	}
	return RefID(r.t, kind, key), nil
}

// user maps a user named in a field (a caller, an assignee).
func (r *replayer) user(v string) (string, error) {
	if v == "" || r.o.User == nil {
		return v, nil
	}
	id, ok := r.o.User(v)
	if !ok {
		return "", fmt.Errorf("user %q: %w", v, ErrUnmapped)
	}
	return id, nil
}

// done marks the rows of cs placed when err is nil, and reports them
// unplaced with err otherwise.
func (r *replayer) done(err error, cs ...change) {
	for _, c := range cs {
		if err != nil {
			r.unplaced(c.row, fmt.Errorf("%w: %w", ErrNotPlaced, err))
		} else if !r.listed[c.row] {
			r.placed[c.row] = true
		}
	}
}

// fail reports every row of step s unplaced for err.
func (r *replayer) fail(s []int, err error) {
	for _, i := range s {
		r.unplaced(i, err)
	}
}

// unplaced reports row i unplaced for err, once.
func (r *replayer) unplaced(i int, err error) {
	if r.listed[i] {
		return
	}
	r.listed[i], r.placed[i] = true, false
	row := r.rows[i]
	r.rep.Unplaced = append(r.rep.Unplaced, Finding{Row: i, Field: row.Field, Value: row.New, Err: err})
}

// kept reports row i's value v of f kept as unrecorded.
func (r *replayer) kept(i int, f *Field, v string) {
	r.rep.Unrecorded = append(r.rep.Unrecorded, Finding{Row: i, Field: f.auditName(), Value: v,
		Err: fmt.Errorf("%s %q: unknown, kept as %s: %w", f.Name, v, process.Unrecorded, ErrUnmapped)})
}

// note adds a note to the report.
func (r *replayer) note(format string, args ...any) {
	r.rep.Notes = append(r.rep.Notes, fmt.Sprintf(format, args...))
}

// priority parses a library priority value ("P2").
func priority(v string) (process.Priority, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(v, "P"))
	if err != nil || n < 1 || !strings.HasPrefix(v, "P") {
		return 0, fmt.Errorf("priority %q: %w", v, process.ErrInvalidValue)
	}
	return process.Priority(n), nil
}

// in names the tool for notes: "in servicenow".
func (r *replayer) in() string { return "in " + r.t.name }

// dateTime parses a date held in a field.
func (r *replayer) dateTime(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	loc := r.o.Location
	if loc == nil {
		loc = time.UTC
	}
	return parseTime(v, loc)
}
