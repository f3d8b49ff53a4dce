package itsm

import (
	"iter"
	"slices"

	"github.com/smskit/iso20000/process"
)

// Tool is the mapping of one ITSM tool onto the library's records: its
// tables for incidents, problems, requests for change and configuration
// items, the fields of each with the library field it maps onto, the codes
// and labels of coded fields, and the columns of its audit rows (ISO/IEC
// 20000-1:2011, 4.3.3: records brought in keep what the source recorded).
// A Tool is immutable and safe for concurrent use; [ServiceNow], [GLPI]
// and [ITop] return the library's own.
type Tool struct {
	name   string
	audit  Columns
	tables []Table
}

// Columns names the columns of a tool's audit rows, as its audit table
// and its exports call them; [ReadRows] reads files with these columns.
type Columns struct {
	Ticket string // the key of the audited record
	Field  string // the field that changed
	Old    string // its value before
	New    string // its value after
	At     string // when
	User   string // who changed it
}

// Table maps one table or class of a tool onto a record kind of the
// library.
type Table struct {
	// Name is the tool's table or class: "incident", "Ticket", "UserRequest".
	Name string
	// Kind is the library's record kind the table maps onto.
	Kind process.RecordKind
	// Key is the field that identifies a record: "number", "id", "ref".
	Key string
	// Fields are the fields mapped, in the order [Export] writes them.
	Fields []Field
}

// Field maps one field of a tool's table onto a field of the library's
// record, by the JSON name the record gives it ("assigneeGroup"; "status"
// is the lifecycle state; "window.start" and "window.end" a change's
// planned window), or onto what the replay reads to place a row:
// "closeCode" (a close code that decides the state: a problem closed as
// cancelled, a change reviewed as failed), "approval" (a decision on a
// change by the row's user) and "type" (the class of an item, its CI
// type). Fields of the library that no tool field maps onto are neither
// read nor written.
type Field struct {
	// Name is the tool's field name, as its API and exports call it.
	Name string
	// Audit is what the tool's audit rows call the field when that is not
	// Name (GLPI's logs name a ticket's fields by search option number).
	Audit string
	// Library is the library field the tool field maps onto.
	Library string
	// Codes are the values of a coded field; a field without codes holds
	// text (or a reference, for fields naming records), taken as it is.
	Codes []Code
}

// Code is one value of a coded field: as the tool stores it, as it shows
// it, and the library's value it maps onto.
type Code struct {
	Code  string // as the tool stores it: "6"
	Label string // as the tool shows it: "Resolved"
	Value string // the library's value: "resolved"
}

// Name returns the tool's name, which [Replay] gives [process.Import] as
// the source unless the options name another.
func (t *Tool) Name() string { return t.name }

// Audit returns the columns of the tool's audit rows.
func (t *Tool) Audit() Columns { return t.audit }

// Tables yields the tool's tables, each a copy.
func (t *Tool) Tables() iter.Seq[Table] {
	return func(yield func(Table) bool) {
		for _, tb := range t.tables {
			if !yield(tb.clone()) {
				return
			}
		}
	}
}

// Table returns a copy of the tool's table for records of kind k, and
// whether the tool maps that kind.
func (t *Tool) Table(k process.RecordKind) (Table, bool) {
	tb := t.table(k)
	if tb == nil {
		return Table{}, false
	}
	return tb.clone(), true
}

// table returns the tool's table for k, or nil.
func (t *Tool) table(k process.RecordKind) *Table {
	for i := range t.tables {
		if t.tables[i].Kind == k {
			return &t.tables[i]
		}
	}
	return nil
}

// clone returns a deep copy of tb.
func (tb Table) clone() Table {
	tb.Fields = slices.Clone(tb.Fields)
	for i := range tb.Fields {
		tb.Fields[i].Codes = slices.Clone(tb.Fields[i].Codes)
	}
	return tb
}

// Field returns the table's field that the tool's audit rows call name
// (its Audit name, or its Name when it has none).
func (tb *Table) Field(name string) (Field, bool) {
	if f := tb.byAudit(name); f != nil {
		return *f, true
	}
	return Field{}, false
}

// byAudit returns the field that audit rows call name, or nil.
func (tb *Table) byAudit(name string) *Field {
	for i := range tb.Fields {
		if f := &tb.Fields[i]; f.auditName() == name {
			return f
		}
	}
	return nil
}

// byLibrary returns the field mapped onto the library field lib, or nil.
func (tb *Table) byLibrary(lib string) *Field {
	for i := range tb.Fields {
		if f := &tb.Fields[i]; f.Library == lib {
			return f
		}
	}
	return nil
}

// auditName returns what the audit rows call f.
func (f *Field) auditName() string {
	if f.Audit != "" {
		return f.Audit
	}
	return f.Name
}

// Decode returns the library value of the tool's value v: for a coded
// field, the value of the code whose Code or Label is v ("" decodes to "",
// unset); for a text field, v itself. ok is false for a code the field does
// not have.
func (f Field) Decode(v string) (value string, ok bool) {
	if len(f.Codes) == 0 || v == "" {
		return v, true
	}
	for _, c := range f.Codes {
		if c.Code == v || c.Label == v {
			return c.Value, true
		}
	}
	return "", false
}

// Encode returns the tool's code for the library value v: for a coded
// field, the first code whose Value is v ("" encodes to ""); for a text
// field, v itself. ok is false for a value no code maps onto.
func (f Field) Encode(v string) (code string, ok bool) {
	if len(f.Codes) == 0 || v == "" {
		return v, true
	}
	for _, c := range f.Codes {
		if c.Value == v {
			return c.Code, true
		}
	}
	return "", false
}
