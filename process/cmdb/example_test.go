package cmdb_test

import (
	"fmt"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
)

func ExampleIndex_Impact() {
	id := func(n int) process.ID {
		return process.MustParseID(fmt.Sprintf("00000000-0000-0000-0000-%012d", n))
	}
	name := map[process.ID]string{}
	ci := func(n int, title, typ string, service bool) cmdb.Node {
		name[id(n)] = title
		return cmdb.Node{ID: id(n), Type: typ, Service: service}
	}
	cis := []cmdb.Node{
		ci(1, "shop", "service", true),
		ci(2, "shop-app", "application", false),
		ci(3, "web-cluster", "cluster", false),
		ci(4, "web-1", "vm", false), ci(5, "web-2", "vm", false),
		ci(6, "host-a", "host", false), ci(7, "host-b", "host", false),
	}
	rels := []cmdb.Relation{
		{From: id(1), To: id(2), Type: process.RelationDependsOn},
		{From: id(2), To: id(3), Type: process.RelationRunsOn},
		{From: id(4), To: id(6), Type: process.RelationHostedOn},
		{From: id(5), To: id(7), Type: process.RelationHostedOn},
	}
	// The cluster works while one of its two vms is up.
	groups := []cmdb.RedundancyGroup{{CI: id(3), Members: []process.ID{id(4), id(5)}, MinUp: 1}}
	x, err := cmdb.Build(cis, rels, groups)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, failed := range [][]process.ID{{id(6)}, {id(6), id(7)}} {
		r, err := x.Impact(cmdb.ImpactQuery{CIs: failed, Direction: cmdb.Downstream})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d hosts down:\n", len(failed))
		for a := range r.All() {
			note := ""
			if !a.Absorbed.IsZero() {
				note = " (absorbed by " + name[a.Absorbed] + ")"
			}
			fmt.Printf("  %s, depth %d%s\n", name[a.CI], a.Depth, note)
		}
		for s := range r.Services() {
			fmt.Print("  service down: ", name[s.CI], " via")
			for _, st := range r.Path(s.CI) {
				fmt.Print(" ", name[st.CI])
			}
			fmt.Println()
		}
		r.Release()
	}
	// Output:
	// 1 hosts down:
	//   host-a, depth 0
	//   web-1, depth 1 (absorbed by web-cluster)
	// 2 hosts down:
	//   host-a, depth 0
	//   host-b, depth 0
	//   web-1, depth 1
	//   web-2, depth 1
	//   web-cluster, depth 2
	//   shop-app, depth 3
	//   shop, depth 4
	//   service down: shop via host-b web-2 web-cluster shop-app shop
}
