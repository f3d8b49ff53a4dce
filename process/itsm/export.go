package itsm

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/smskit/iso20000/process"
)

// Ticket is a record as a tool's export holds it: the tool's field names
// and their values, codes for coded fields and keys for references.
type Ticket map[string]string

// Export writes the record r in the shape of tool t: the ticket as it
// stands (its key and each field the tool's table maps) and its history
// as the tool's audit rows, in order, which [Replay] reads back into the
// same record. People are written by the host's identities (the tool's
// user IDs when [Options.User] was the identity), references by
// [Options.Key]. A value [process.Unrecorded] is written as the empty
// value, which is what the tool held. Values that no code of the tool maps onto
// (a pending reason the tool has no hold reason for, a state it has no
// status for) are refused: the error is a *process.ValidationError
// listing every one, wrapping [ErrUnmapped]. What the tool keeps no field
// for is not written: the reason given for a move other than a pending
// reason, a window the change held before its last, the fields of a
// major incident (ISO/IEC 20000-1:2011, 4.3.3).
func Export(t *Tool, r process.Record, o *Options) (Ticket, []Row, error) {
	if t == nil || r == nil || reflect.ValueOf(r).Kind() == reflect.Pointer && reflect.ValueOf(r).IsNil() {
		return nil, nil, fmt.Errorf("itsm: export: no tool or no record: %w", process.ErrRequired)
	}
	h := r.Meta()
	tb := t.table(h.Kind)
	if tb == nil {
		return nil, nil, fmt.Errorf("itsm: %s has no table for %s: %w", t.name, h.Kind, ErrUnmapped)
	}
	x := exporter{t: t, tb: tb, v: &process.ValidationError{Package: "itsm", Subject: h.Subject() + " for " + t.name}}
	if o != nil {
		x.o = *o
	}
	x.key = x.keyOf(h.Kind, h.ID)
	if c, ok := r.(*process.RequestForChange); ok && t == iTop && c.Class != process.ChangeNormal {
		x.v.Addf("class", ErrUnmapped, "%s change: iTop's %s holds normal changes", c.Class, tb.Name)
	}
	tk, err := x.ticket(r)
	if err != nil {
		return nil, nil, err
	}
	rows := x.rows(r)
	if err := x.v.Err(); err != nil {
		return nil, nil, err
	}
	return tk, rows, nil
}

// exporter holds what an export works with.
type exporter struct {
	t   *Tool
	tb  *Table
	o   Options
	key string
	v   *process.ValidationError
}

// keyOf returns the tool's key of the record of kind with id.
func (x *exporter) keyOf(kind process.RecordKind, id process.ID) string {
	if id.IsZero() {
		return ""
	}
	if x.o.Key != nil {
		if k, ok := x.o.Key(kind, id); ok {
			return k
		}
	}
	if x.t == serviceNow {
		return hex.EncodeToString(id[:])
	}
	return id.String()
}

// encode returns the tool's code for the library value v of f, adding a
// finding when it has none.
func (x *exporter) encode(f *Field, v string) string {
	if v == process.Unrecorded || (f.Library == "priority" && v == process.Priority(0).String()) {
		return ""
	}
	switch f.Library {
	case "service", "services":
		return x.ref(process.KindService, v)
	case "affectedCIs":
		return x.ref(process.KindConfigurationItem, v)
	case "type":
		return x.ref(process.KindCIType, v)
	case "window.start", "window.end":
		return x.date(v)
	}
	code, ok := f.Encode(v)
	if !ok {
		x.v.Addf(f.Library, ErrUnmapped, "%q has no code in %s %s", v, x.t.name, f.Name)
	}
	return code
}

// ref returns the tool's key of a record named by its ID in text.
func (x *exporter) ref(kind process.RecordKind, v string) string {
	if v == "" {
		return ""
	}
	id, err := process.ParseID(v)
	if err != nil {
		x.v.Addf(string(kind), process.ErrInvalidValue, "%q is not a record ID", v)
		return ""
	}
	return x.keyOf(kind, id)
}

// eventTime is how the library's history writes a time it sets.
const eventTime = "2006-01-02 15:04:05.999999999 -0700 MST"

// date writes a time, as the library's history or JSON holds it, in the
// tools' layout and the options' location.
func (x *exporter) date(v string) string {
	if v == "" || v == "0001-01-01 00:00:00 +0000 UTC" {
		return ""
	}
	t, err := time.Parse(eventTime, v)
	if err != nil {
		if t, err = time.Parse(time.RFC3339Nano, v); err != nil {
			x.v.Addf("window", process.ErrInvalidValue, "%q is not a time", v)
			return ""
		}
	}
	loc := x.o.Location
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(timeLayouts[0])
}

// ticket writes the record as it stands.
func (x *exporter) ticket(r process.Record) (Ticket, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("itsm: export %s: %w", r.Meta().Subject(), err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("itsm: export %s: %w", r.Meta().Subject(), err)
	}
	tk := Ticket{x.tb.Key: x.key}
	for i := range x.tb.Fields {
		f := &x.tb.Fields[i]
		tk[f.Name] = x.encode(f, x.current(r, m, f.Library))
	}
	return tk, nil
}

// current returns the library value of the field lib in the record r,
// whose JSON is m.
func (x *exporter) current(r process.Record, m map[string]any, lib string) string {
	h := r.Meta()
	switch lib {
	case "status":
		return h.Status
	case "priority":
		if n, ok := m["priority"].(float64); ok && n >= 1 {
			return process.Priority(int(n)).String()
		}
		return ""
	case "closeCode":
		switch {
		case h.Kind == process.KindProblem && h.Status == string(process.ProblemCancelled):
			return "cancelled"
		case h.Kind == process.KindRequestForChange && h.Status == string(process.ChangeFailed):
			return "failed"
		}
		return ""
	case "approval":
		if c, ok := r.(*process.RequestForChange); ok && len(c.Approvals) > 0 {
			return string(c.Approvals[len(c.Approvals)-1].Decision)
		}
		return ""
	case "window.start", "window.end":
		w, _ := m["window"].(map[string]any)
		s, _ := w[strings.TrimPrefix(lib, "window.")].(string)
		return s
	}
	switch v := m[lib].(type) {
	case string:
		return v
	case []any:
		if len(v) == 0 {
			return ""
		}
		if lib == "services" {
			s, _ := v[0].(string)
			return s
		}
		s, _ := v[len(v)-1].(string)
		return s
	}
	return ""
}

// rows writes the record's history as the tool's audit rows.
func (x *exporter) rows(r process.Record) []Row {
	h := r.Meta()
	var rows []Row
	add := func(e process.Event, lib, old, nw string) {
		f := x.tb.byLibrary(lib)
		if f == nil {
			return
		}
		o, n := x.encode(f, old), x.encode(f, nw)
		if o == n {
			return
		}
		rows = append(rows, Row{Ticket: x.key, Field: f.auditName(), Old: o, New: n, At: e.At, User: e.Actor})
	}
	first := map[string]string{} // the value each field was created with
	for _, e := range h.History {
		if e.Action == process.ActionChanged {
			if _, ok := first[e.Field]; !ok {
				first[e.Field] = e.From
			}
		}
	}
	createdWith := func(lib, now string) string {
		if v, ok := first[lib]; ok {
			return v
		}
		return now
	}
	var m map[string]any
	if b, err := json.Marshal(r); err == nil {
		_ = json.Unmarshal(b, &m)
	}
	pending, lastCI, service := "", "", ""
	windowEvents := map[string]int{}
	for i, e := range h.History {
		if e.Action == process.ActionChanged && strings.HasPrefix(e.Field, "window.") {
			windowEvents[e.Field] = i
		}
	}
	for i, e := range h.History {
		switch e.Action {
		case process.ActionCreated:
			add(e, "title", "", createdWith("title", h.Title))
			for _, lib := range []string{"class", "model", "type", "description", "reporter", "requester", "version", "location", "owner"} {
				if lib == "requester" {
					add(e, lib, "", e.Actor)
					continue
				}
				add(e, lib, "", createdWith(lib, x.current(r, m, lib)))
			}
		case process.ActionChanged:
			switch {
			case e.Field == "service":
				// the link's entries say it
			case e.Field == "pendingReason":
				pending = e.To
				add(e, e.Field, e.From, e.To)
			case strings.HasPrefix(e.Field, "window."):
				if windowEvents[e.Field] == i {
					add(e, e.Field, "", e.To)
				}
			default:
				add(e, e.Field, e.From, e.To)
			}
		case process.ActionMoved:
			switch {
			case e.To == string(process.ProblemCancelled) && h.Kind == process.KindProblem:
				add(e, "closeCode", "", "cancelled")
			case e.To == string(process.ChangeFailed) && h.Kind == process.KindRequestForChange:
				add(e, "closeCode", "", "failed")
			}
			add(e, "status", e.From, e.To)
			if e.To == "pending" && (h.Kind == process.KindIncident || h.Kind == process.KindServiceRequest) {
				add(e, "pendingReason", pending, e.Note)
				pending = e.Note
			}
		case process.ActionLinked:
			switch process.LinkType(e.Field) {
			case process.LinkService:
				if x.tb.byLibrary("service") != nil {
					add(e, "service", service, e.Ref.String())
					service = e.Ref.String()
				} else {
					add(e, "services", "", e.Ref.String())
				}
			case process.LinkAffects:
				add(e, "affectedCIs", lastCI, e.Ref.String())
				lastCI = e.Ref.String()
			}
		case process.ActionUnlinked:
			if process.LinkType(e.Field) == process.LinkService && x.tb.byLibrary("service") != nil {
				add(e, "service", e.Ref.String(), "")
				service = ""
			}
		case process.ActionApproved:
			if e.Field == "approvals" {
				add(e, "approval", "requested", e.To)
			}
		}
	}
	return rows
}
