package process

import "time"

// coreWidget is a host-style record of a custom kind, used to test the
// machinery shared by every record without depending on any record type.
type coreWidget struct {
	Header
	Size int `json:"size"`
}

const kindWidget RecordKind = "x-widget"

type widgetState string

const (
	widgetNew    widgetState = "new"
	widgetActive widgetState = "active"
	widgetDone   widgetState = "done"
)

var widgetLifecycle = MustLifecycle(kindWidget, widgetNew,
	[]widgetState{widgetNew, widgetActive, widgetDone},
	[]widgetState{widgetDone},
	[]Move[widgetState]{
		{From: []widgetState{widgetNew}, To: widgetActive},
		{From: []widgetState{widgetActive}, To: widgetDone, Role: RoleChangeManager},
		{From: []widgetState{widgetActive}, To: widgetNew},
	})

func (w *coreWidget) Validate() error {
	v := ValidationError{Subject: w.Subject()}
	w.validate(&v, kindWidget)
	widgetLifecycle.ValidateState(&w.Header, &v)
	if w.Size < 0 {
		v.Addf("size", ErrInvalidValue, "%d", w.Size)
	}
	return v.Err()
}

var (
	wt0    = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	walice = Actor{Name: "alice", Roles: []Role{RoleChangeManager}}
	wbob   = Actor{Name: "bob"}
)

func newWidget(title string) *coreWidget {
	w := &coreWidget{Header: NewHeader(kindWidget, title, walice, wt0)}
	widgetLifecycle.Start(&w.Header)
	return w
}
