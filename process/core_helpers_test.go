package process

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

func newWidget(title string) *coreWidget {
	w := &coreWidget{Header: NewHeader(kindWidget, title, cm, t0)}
	widgetLifecycle.Start(&w.Header)
	return w
}
