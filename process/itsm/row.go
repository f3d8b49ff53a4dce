package itsm

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/smskit/iso20000/process"
)

// Row is one row of a tool's audit of a record: a field of the record that
// changed, from what to what, when and by whom (ServiceNow's sys_audit,
// GLPI's glpi_logs, iTop's change operations). Values are as the tool
// stores them: codes for coded fields, keys for references. The rows of
// one record, in the order they happened, are what [Replay] reads; its
// first row is the record's creation, and the rows of its first instant
// by its first user are the values it was created with.
type Row struct {
	Ticket string    // the key of the record: a number, sys_id or id
	Field  string    // the field, as the tool's audit names it
	Old    string    // the value before ("" when there was none)
	New    string    // the value after
	At     time.Time // when the change was made
	User   string    // who made it: the tool's user ID
}

// Limits of what [ReadRows] reads, so that untrusted input is refused
// rather than left to exhaust memory.
const (
	// MaxValue is the longest value, in bytes, of a row's cell.
	MaxValue = 1 << 20
	// MaxRows is the most rows one read returns.
	MaxRows = 10_000_000
)

// timeLayouts are the layouts in which the tools write times: their
// databases' "2006-01-02 15:04:05" (in the location given to ReadRows) and
// RFC 3339.
var timeLayouts = []string{"2006-01-02 15:04:05", time.RFC3339Nano}

// ErrMalformed marks input that is not rows in a tool's shape: a missing
// column, a time that does not parse, a value past [MaxValue], text that
// is not UTF-8.
var ErrMalformed = errors.New("itsm: malformed rows")

// ReadRows reads audit rows in the shape of t's audit table ([Columns]):
// a CSV file with a header row naming the columns (in any order; other
// columns are ignored), or JSON, an array of objects keyed by the column
// names or an object holding that array as "result" (the shape of
// ServiceNow's table API). Times without a zone are read in loc (UTC when
// nil), and keep it. Every error wraps [ErrMalformed] and names the row.
func ReadRows(t *Tool, r io.Reader, loc *time.Location) ([]Row, error) {
	if t == nil || r == nil {
		return nil, fmt.Errorf("itsm: read rows: no tool or no reader: %w", process.ErrRequired)
	}
	if loc == nil {
		loc = time.UTC
	}
	br := bufio.NewReader(r)
	for {
		b, err := br.Peek(1)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, nil
			}
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
			continue
		case '[', '{':
			return readJSON(t, br, loc)
		}
		return readCSV(t, br, loc)
	}
}

// readCSV reads rows from CSV with a header.
func readCSV(t *Tool, r io.Reader, loc *time.Location) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: header: %w", ErrMalformed, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	c := t.audit
	names := []string{c.Ticket, c.Field, c.Old, c.New, c.At, c.User}
	idx := make([]int, len(names))
	for i, n := range names {
		j, ok := col[n]
		if !ok {
			return nil, fmt.Errorf("%w: header: no column %q", ErrMalformed, n)
		}
		idx[i] = j
	}
	var rows []Row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		cell := func(i int) string {
			if idx[i] < len(rec) {
				return rec[idx[i]]
			}
			return ""
		}
		row, err := makeRow(cell(0), cell(1), cell(2), cell(3), cell(4), cell(5), loc)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrMalformed, line, err)
		}
		if len(rows) == MaxRows {
			return nil, fmt.Errorf("%w: more than %d rows", ErrMalformed, MaxRows)
		}
		rows = append(rows, row)
	}
}

// readJSON reads rows from a JSON array of objects, or an object holding
// one as "result".
func readJSON(t *Tool, r io.Reader, loc *time.Location) ([]Row, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRows*64))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	var objs []map[string]any
	if d := bytes.TrimSpace(data); len(d) > 0 && d[0] == '{' {
		var wrap struct {
			Result []map[string]any `json:"result"`
		}
		if err := json.Unmarshal(d, &wrap); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		objs = wrap.Result
	} else if err := json.Unmarshal(d, &objs); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	c := t.audit
	rows := make([]Row, 0, len(objs))
	for i, o := range objs {
		get := func(k string) (string, error) {
			switch v := o[k].(type) {
			case nil:
				return "", nil
			case string:
				return v, nil
			case float64:
				return fmt.Sprint(v), nil
			case bool:
				return fmt.Sprint(v), nil
			}
			return "", fmt.Errorf("%s: not a string", k)
		}
		var cells [6]string
		for j, k := range []string{c.Ticket, c.Field, c.Old, c.New, c.At, c.User} {
			if cells[j], err = get(k); err != nil {
				return nil, fmt.Errorf("%w: [%d]: %w", ErrMalformed, i, err)
			}
		}
		row, err := makeRow(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], loc)
		if err != nil {
			return nil, fmt.Errorf("%w: [%d]: %w", ErrMalformed, i, err)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// makeRow checks and parses one row's cells.
func makeRow(ticket, field, old, nw, at, user string, loc *time.Location) (Row, error) {
	for _, s := range []string{ticket, field, old, nw, at, user} {
		if len(s) > MaxValue {
			return Row{}, fmt.Errorf("a value longer than %d bytes", MaxValue)
		}
		if !utf8.ValidString(s) {
			return Row{}, fmt.Errorf("a value that is not UTF-8")
		}
	}
	when, err := parseTime(at, loc)
	if err != nil {
		return Row{}, err
	}
	return Row{Ticket: ticket, Field: field, Old: old, New: nw, At: when, User: user}, nil
}

// parseTime reads a time in one of the tools' layouts, in loc when it has
// no zone.
func parseTime(s string, loc *time.Location) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, strings.TrimSpace(s), loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q: not %q or RFC 3339", s, timeLayouts[0])
}

// WriteRows writes rows as CSV in the shape of t's audit table, with a
// header, times in the layout of the tools' databases in their own
// location; [ReadRows] reads them back.
func WriteRows(t *Tool, w io.Writer, rows []Row) error {
	if t == nil || w == nil {
		return fmt.Errorf("itsm: write rows: no tool or no writer: %w", process.ErrRequired)
	}
	cw := csv.NewWriter(w)
	c := t.audit
	if err := cw.Write([]string{c.Ticket, c.Field, c.Old, c.New, c.At, c.User}); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Ticket, r.Field, r.Old, r.New, r.At.Format(timeLayouts[0]), r.User}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
