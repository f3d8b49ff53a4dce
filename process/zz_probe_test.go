package process

import (
	"fmt"
	"testing"
)

func TestZZProbe(t *testing.T) {
	c := &clock{}
	// 1. blank actor move
	i := newIncident(t, c)
	err := i.Assign(Actor{ID: " "}, c.next(), "g", "")
	fmt.Println("assign by ' ':", err, i.Status, i.History[len(i.History)-1].Actor)
	i2 := newIncident(t, c)
	err = i2.Assign(Actor{ID: "\t"}, c.next(), "g", "")
	fmt.Println("assign by tab:", err, i2.Status)
	// 2. requester alice authorises via zero-width
	r := NewRequestForChange("x", ChangeNormal, cab1, c.next())
	r.Description = "x"
	ok(t, r.Assess(cm, c.next(), assessment))
	err = r.Authorise(Actor{ID: "alice\u200b", Roles: []Role{RoleChangeAuthority}}, c.next(), nil)
	fmt.Println("authorise zw:", err, r.Status)
	// 3. AddService with zero id on authorised
	a := rfcTo(t, ChangeAuthorised, c)
	err = a.AddService(nobody, c.next(), ID{})
	fmt.Println("addservice zero:", err, a.Status)
	// 4. Check nil store
	func() {
		defer func() { fmt.Println("recover:", recover()) }()
		fmt.Println("check nil store:", Check(nil, newIncident(t, c)))
	}()
}
