package itsm

import (
	"fmt"
	"slices"
	"time"

	"github.com/smskit/iso20000/process"
)

// ciEngine replays the rows of a configuration item.
type ciEngine struct {
	r *replayer
	c *process.ConfigurationItem
}

func (e *ciEngine) record() process.Record { return e.c }

func (e *ciEngine) create(cs []change, by process.Actor, at time.Time) error {
	title, rest := createTitle(e.r, cs)
	var later []change
	var class *change
	for k, c := range rest {
		if c.field.Library == "type" {
			class = &rest[k]
			continue
		}
		later = append(later, c)
	}
	if class == nil || class.value == "" {
		return fmt.Errorf("no class among the rows of the item's creation: type: %w", process.ErrRequired)
	}
	typ, err := e.r.ref(process.KindCIType, class.value)
	if err != nil {
		return err
	}
	e.r.done(nil, *class)
	e.c = process.NewConfigurationItem(title, typ, by, at)
	e.c.ID = RefID(e.r.t, process.KindConfigurationItem, e.r.ticket)
	e.c.History = slices.Grow(e.c.History, len(e.r.rows)+4)
	var rest2 []change
	for _, c := range later {
		switch c.field.Library {
		case "description":
			e.c.Description = c.value
		case "version":
			e.c.Version = c.value
		case "location":
			e.c.Location = c.value
		case "owner":
			u, err := e.r.user(c.value)
			if err != nil {
				e.r.done(err, c)
				continue
			}
			e.c.Owner = u
		default:
			rest2 = append(rest2, c)
			continue
		}
		e.r.done(nil, c)
	}
	e.step(rest2, by, at)
	return nil
}

func (e *ciEngine) step(cs []change, by process.Actor, at time.Time) {
	c := e.c
	for _, ch := range cs {
		var err error
		switch v := ch.value; ch.field.Library {
		case "title":
			err = process.Set(c, "title", &c.Title, v, process.ID{}, "", by, at)
		case "description":
			err = process.Set(c, "description", &c.Description, v, process.ID{}, "", by, at)
		case "version", "location", "owner":
			if ch.field.Library == "owner" {
				v, err = e.r.user(v)
			}
			if err == nil {
				err = c.Update(by, at, process.CIField(ch.field.Library), v, process.ID{})
			}
		case "status":
			if v == "" {
				err = fmt.Errorf("status: %w", process.ErrRequired)
			} else if process.CIState(v) != c.State() {
				err = c.Move(by, at, process.CIState(v), process.ID{})
			}
		case "type":
			err = fmt.Errorf("the class of an item is its type, set when it is recorded: %w", process.ErrPrecondition)
		default:
			err = fmt.Errorf("%s: %w", ch.field.Library, ErrUnmapped)
		}
		e.r.done(err, ch)
	}
}

func (e *ciEngine) finish(process.Actor, time.Time) {}
