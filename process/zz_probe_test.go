package process

import (
	"fmt"
	"testing"
)

func zstub(t *testing.T, s *MemStore, r Record) {
	for _, l := range r.Meta().Links {
		if _, err := s.Get(l.To); err == nil {
			continue
		}
		var x Record
		switch l.Kind {
		case KindService:
			v := newService(t)
			v.ID = l.To
			x = v
		case KindConfigurationItem:
			v := NewConfigurationItem("ci", NewID(), cfgm, t0)
			v.Description, v.Location, v.Owner = "d", "l", "o"
			v.ID = l.To
			x = v
		default:
			continue
		}
		ok(t, s.Put(x))
	}
}

func TestZZProbe(t *testing.T) {
	c := &clock{}
	s := NewMemStore()
	r := rfcTo(t, ChangeScheduled, c)
	zstub(t, s, r)
	ok(t, s.Put(r))
	r.Description = "rm -rf /"
	fmt.Println("direct write put:", s.Put(r))
	err := Set(r, "risk", &r.Risk, LevelHigh, NewID(), "", nobody, c.next())
	fmt.Println("set risk with authority:", err, r.Status)
	fmt.Println("put after rebind:", s.Put(r))
	fmt.Println("implement:", r.Implement(desk, c.next()))
	fmt.Println("put implementing:", s.Put(r))

	// D majorImpact
	m := newRFC(t, ChangeNormal, c)
	a := assessment
	a.MajorImpact = true
	ok(t, m.Assess(cm, c.next(), a))
	ok(t, m.Approve(cab1, c.next(), DecisionApprove, ""))
	ok(t, m.Authorise(cab2, c.next(), nil))
	ok(t, m.Schedule(cm, c.next(), window1, nil))
	ok(t, m.Implement(desk, c.next()))
	s2 := NewMemStore()
	zstub(t, s2, m)
	fmt.Println("major put (no plan):", s2.Put(m))
	fmt.Println("set majorImpact:", Set(m, "majorImpact", &m.MajorImpact, false, ID{}, "", nobody, c.next()))
	fmt.Println("major put after set:", s2.Put(m))

	// E incident major
	i := newIncident(t, c)
	ok(t, i.Assign(im, c.next(), "g", ""))
	ok(t, i.DeclareMajor(im, c.next(), "mika", "down"))
	fmt.Println("cancel major:", i.Cancel(im, c.next(), "dup") != nil)
	fmt.Println("set major false:", Set(i, "major", &i.Major, false, ID{}, "", nobody, c.next()))
	fmt.Println("cancel after:", i.Cancel(nobody, c.next(), "dup"))
	s3 := NewMemStore()
	zstub(t, s3, i)
	fmt.Println("put:", s3.Put(i))
}
