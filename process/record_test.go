package process

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewHeader(t *testing.T) {
	w := newWidget("Router")
	assert.False(t, w.ID.IsZero())
	assert.Equal(t, kindWidget, w.Kind)
	assert.Equal(t, t0, w.Created)
	assert.Equal(t, t0, w.Updated)
	assert.Equal(t, []Event{{At: t0, Actor: cm.ID, Action: ActionCreated}}, w.History)
	assert.Same(t, &w.Header, w.Meta())
	assert.NoError(t, w.Validate())
}

func TestHeaderValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(w *coreWidget)
		path   string
		reason error
	}{
		{"id", func(w *coreWidget) { w.ID = ID{} }, "id", ErrRequired},
		{"kind missing", func(w *coreWidget) { w.Kind = "" }, "kind", ErrRequired},
		{"kind wrong", func(w *coreWidget) { w.Kind = KindIncident }, "kind", ErrInvalidValue},
		{"title", func(w *coreWidget) { w.Title = "" }, "title", ErrRequired},
		{"created", func(w *coreWidget) { w.Created = time.Time{} }, "created", ErrRequired},
		{"updated before created", func(w *coreWidget) { w.Updated = t0.Add(-time.Hour) }, "updated", ErrInvalidValue},
		{"status missing", func(w *coreWidget) { w.Status = "" }, "status", ErrRequired},
		{"status unknown", func(w *coreWidget) { w.Status = "lost" }, "status", ErrInvalidValue},
		{"link type", func(w *coreWidget) { w.Links = []Link{{Type: "bogus", To: NewID(), Kind: KindIncident}} }, "links[0]", ErrInvalidLink},
		{"link target", func(w *coreWidget) { w.Links = []Link{{Type: "x-uses", Kind: KindIncident}} }, "links[0]", ErrRequired},
		{"link kinds", func(w *coreWidget) { w.Links = []Link{{Type: LinkRequires, To: NewID(), Kind: KindIncident}} }, "links[0]", ErrInvalidLink},
		{"history actor", func(w *coreWidget) { w.History[0].Actor = "" }, "history[0].actor", ErrRequired},
		{"history time", func(w *coreWidget) { w.History[0].At = time.Time{} }, "history[0].at", ErrRequired},
		{"history action", func(w *coreWidget) { w.History[0].Action = "edited" }, "history[0].action", ErrInvalidValue},
		{"history order", func(w *coreWidget) {
			w.History = append(w.History, Event{At: t0.Add(-time.Hour), Actor: "bob", Action: ActionNoted})
		}, "history[1].at", ErrInvalidValue},
		{"record field", func(w *coreWidget) { w.Size = -1 }, "size", ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWidget("w")
			tt.mutate(w)
			err := w.Validate()
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has(tt.path, tt.reason), "want %s: %v, got %v", tt.path, tt.reason, err)
			assert.ErrorIs(t, err, ErrInvalid)
		})
	}
	w := newWidget("")
	w.ID = ID{}
	var ve *ValidationError
	require.ErrorAs(t, w.Validate(), &ve)
	assert.Equal(t, []string{"id", "title"}, paths(*ve), "every field at fault is listed")
}

func TestHeaderLinks(t *testing.T) {
	w := newWidget("w")
	target := NewID()
	t1 := t0.Add(time.Minute)
	require.NoError(t, w.Link(nobody, t1, "x-uses", target, KindIncident))
	assert.True(t, w.HasLink("x-uses", target))
	assert.Equal(t, []ID{target}, w.Linked("x-uses"))
	assert.Equal(t, t1, w.Updated)
	assert.Equal(t, Event{At: t1, Actor: nobody.ID, Action: ActionLinked, Field: "x-uses", To: "incident", Ref: target}, w.History[1])

	refused := []struct {
		name   string
		call   func() error
		reason error
	}{
		{"duplicate", func() error { return w.Link(nobody, t1, "x-uses", target, KindIncident) }, ErrExists},
		{"wrong kinds", func() error { return w.Link(nobody, t1, LinkAffects, NewID(), KindIncident) }, ErrInvalidLink},
		{"zero target", func() error { return w.Link(nobody, t1, "x-uses", ID{}, KindIncident) }, ErrRequired},
		{"no actor", func() error { return w.Link(Actor{}, t1, "x-uses", NewID(), KindIncident) }, ErrRequired},
		{"unlink missing", func() error { return w.Unlink(nobody, t1, "x-uses", NewID()) }, ErrNotFound},
		{"empty note", func() error { return w.Note(nobody, t1, "") }, ErrRequired},
		{"note no time", func() error { return w.Note(nobody, time.Time{}, "x") }, ErrRequired},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before := clone(w) // not Copy: a JSON copy loses the zone of t0 (CET), and DeepEqual compares zones
			assert.ErrorIs(t, tt.call(), tt.reason)
			assert.True(t, reflect.DeepEqual(before, w), "record changed by a refused call")
		})
	}

	links := w.Links
	require.NoError(t, w.Unlink(cm, t1, "x-uses", target))
	assert.Empty(t, w.Links)
	assert.Len(t, links, 1, "unlink does not write through an earlier slice")
	assert.Equal(t, ActionUnlinked, w.History[2].Action)
	require.NoError(t, w.Note(nobody, t1, "called the customer"))
	assert.Equal(t, "called the customer", w.History[3].Note)
}

func TestSet(t *testing.T) {
	w := newWidget("w")
	rfc := NewID()
	t1 := t0.Add(time.Hour)
	require.NoError(t, Set(w, "size", &w.Size, 3, rfc, "", cm, t1))
	assert.Equal(t, 3, w.Size)
	assert.Equal(t, Event{At: t1, Actor: cm.ID, Action: ActionChanged, Field: "size", From: "0", To: "3", Ref: rfc}, w.History[1])
	require.NoError(t, Set(w, "size", &w.Size, 3, rfc, "", cm, t1))
	assert.Len(t, w.History, 2, "no entry when nothing changes")
	assert.ErrorIs(t, Set(w, "size", &w.Size, 4, ID{}, "", Actor{}, t1), ErrRequired)
	assert.Equal(t, 3, w.Size)
}

func TestCopyAndJSON(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	w := newWidget("w")
	w.Created = w.Created.In(loc)
	require.NoError(t, w.Link(nobody, t0.In(loc), "x-uses", NewID(), KindIncident))
	c, err := Copy(w)
	require.NoError(t, err)
	assert.NotSame(t, w, c)
	a, _ := json.Marshal(w)
	b, _ := json.Marshal(c)
	assert.JSONEq(t, string(a), string(b))
	_, offset := c.Created.Zone()
	assert.Equal(t, 5*3600+1800, offset, "offset kept")
	c.Links[0].Type = "x-other"
	assert.Equal(t, LinkType("x-uses"), w.Links[0].Type, "deep copy")

	_, err = Copy[*coreWidget](nil)
	assert.ErrorIs(t, err, ErrInvalidValue)
}

func TestDecodeUnknown(t *testing.T) {
	for _, in := range []string{`{"kind":"x-widget"}`, `{"kind":"nope"}`, `{}`} {
		_, err := Decode([]byte(in))
		assert.ErrorIs(t, err, ErrUnknownKind, in)
	}
	_, err := Decode([]byte(`{`))
	assert.Error(t, err)
}

func TestHistoryRunsForward(t *testing.T) {
	w := newWidget("w")
	later := t0.Add(time.Hour)
	require.NoError(t, w.Note(nobody, later, "first"))
	before := clone(w) // not Copy: a JSON copy loses the zone of t0 (CET), and DeepEqual compares zones
	earlier := t0.Add(time.Minute)
	assert.ErrorIs(t, w.Note(nobody, earlier, "late"), ErrInvalidValue)
	assert.ErrorIs(t, w.Link(nobody, earlier, "x-uses", NewID(), KindIncident), ErrInvalidValue)
	assert.ErrorIs(t, Set(w, "size", &w.Size, 9, ID{}, "", nobody, earlier), ErrInvalidValue)
	assert.True(t, reflect.DeepEqual(before, w), "refused back-dated entries change nothing")
}

func TestSetRefusesStatus(t *testing.T) {
	w := newWidget("w")
	err := Set(w, "status", &w.Status, string(widgetDone), ID{}, "", cm, t0)
	assert.ErrorIs(t, err, ErrInvalidTransition)
	assert.Equal(t, string(widgetNew), w.Status)
}
