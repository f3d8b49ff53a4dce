package itsm

import (
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
)

// ServicesFromIndex returns the [Options.ServiceOf] that finds the
// services a configuration item's failure reaches in the compiled CMDB
// index ix: a downstream impact analysis from the item, redundancy
// ignored (the item's own services, whether or not a redundant twin would
// carry them), giving the services in the order the walk reaches them
// (ISO/IEC 20000-1:2011, 8.1: the services an incident affects; 9.1). An
// item not in the index has none.
func ServicesFromIndex(ix *cmdb.Index) func(ci process.ID) []process.ID {
	return func(ci process.ID) []process.ID {
		imp, err := ix.Impact(cmdb.ImpactQuery{CIs: []process.ID{ci}, Direction: cmdb.Downstream, IgnoreRedundancy: true})
		if err != nil {
			return nil
		}
		defer imp.Release()
		var out []process.ID
		for a := range imp.Services() {
			if a.CI != ci {
				out = append(out, a.CI)
			}
		}
		return out
	}
}
