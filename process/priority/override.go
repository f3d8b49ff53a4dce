package priority

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// Override is a priority set by hand instead of the computed one (ISO/IEC
// 20000-1:2011, 8.1): it always carries a reason, who set it and when. Make
// one with [NewOverride]; keep it in the record's history with
// [Override.Event].
type Override struct {
	Computed Prioritisation   `json:"computed"`
	Priority process.Priority `json:"priority"`
	Reason   string           `json:"reason"`
	By       string           `json:"by"`
	At       time.Time        `json:"at"`
}

// NewOverride overrides the computed priority with p. It refuses, with a
// *[process.ValidationError], an override without a reason, an unset priority, an
// actor without a name or a zero time.
func NewOverride(computed Prioritisation, p process.Priority, reason string, by process.Actor, at time.Time) (Override, error) {
	v := process.ValidationError{Package: "priority", Subject: "priority override"}
	v.Require("reason", reason != "")
	if !p.Valid() {
		v.Add("priority", process.ErrRequired)
	}
	v.Require("by", by.ID != "")
	v.Require("at", !at.IsZero())
	if err := v.Err(); err != nil {
		return Override{}, err
	}
	return Override{Computed: computed, Priority: p, Reason: reason, By: by.ID, At: at}, nil
}

// Event returns the history entry that records the override: a change of
// the field "priority" from the computed to the overriding priority, written
// as [process.Set] writes them ("P3"), with the reason and the matrix version as
// note.
func (o Override) Event() process.Event {
	return process.Event{At: o.At, Actor: o.By, Action: process.ActionChanged, Field: "priority",
		From: o.Computed.Priority.String(), To: o.Priority.String(),
		Note: fmt.Sprintf("%s (matrix %s v%d)", o.Reason, o.Computed.Matrix, o.Computed.Version)}
}

// Apply sets the priority field *dst of record r to the override and keeps
// it in the record's history: a change of "priority" from the field's
// current value, by the override's author, with the reason and the matrix
// version as note (ISO/IEC 20000-1:2011, 8.1: the override is traceable).
// It refuses, changing nothing, an override older than the record's last
// history entry or one that changes nothing.
func (o Override) Apply(r process.Record, dst *process.Priority) error {
	h := r.Meta()
	if err := h.CheckEvent(process.Actor{ID: o.By}, o.At); err != nil {
		return err
	}
	if n := len(h.History); n > 0 && o.At.Before(h.History[n-1].At) {
		return fmt.Errorf("priority: %s: priority override at %s is before the last history entry: %w",
			h.Subject(), o.At.Format(time.RFC3339), process.ErrInvalidValue)
	}
	if *dst == o.Priority {
		return fmt.Errorf("priority: %s: priority is already %s: %w", h.Subject(), o.Priority, process.ErrInvalidValue)
	}
	e := o.Event()
	return process.Set(r, e.Field, dst, o.Priority, process.ID{}, e.Note, process.Actor{ID: o.By}, o.At)
}
