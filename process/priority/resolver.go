package priority

import (
	"maps"
	"slices"

	"github.com/smskit/iso20000/process"
)

// Resolver picks the priority matrix in force for a record: the one
// of its SLA, else the one of its service, else Default, else the
// library's default (ISO/IEC 20000-1:2011, 6.1, 8.1: a matrix is agreed per
// service or SLA).
type Resolver struct {
	Default   *Matrix                `json:"default,omitempty"`
	BySLA     map[process.ID]*Matrix `json:"bySLA,omitempty"`
	ByService map[process.ID]*Matrix `json:"byService,omitempty"`
}

// Resolve returns the matrix in force for the SLA sla and the service
// service (either may be zero).
func (r *Resolver) Resolve(sla, service process.ID) *Matrix {
	if m := r.BySLA[sla]; m != nil && !sla.IsZero() {
		return m
	}
	if m := r.ByService[service]; m != nil && !service.IsZero() {
		return m
	}
	if r.Default != nil {
		return r.Default
	}
	return DefaultMatrix()
}

// Prioritise resolves the matrix for sla and service and prioritises with
// it.
func (r *Resolver) Prioritise(sla, service process.ID, impact, urgency process.Level) (Prioritisation, error) {
	return r.Resolve(sla, service).Prioritise(impact, urgency)
}

// Validate checks every matrix of the resolver, in order of ID.
func (r *Resolver) Validate() error {
	v := process.ValidationError{Package: "priority", Subject: "priority matrices"}
	if r.Default != nil {
		v.Merge("default", r.Default.Validate())
	}
	for _, id := range slices.SortedFunc(maps.Keys(r.BySLA), process.ID.Compare) {
		v.Merge("bySLA["+id.String()+"]", r.BySLA[id].Validate())
	}
	for _, id := range slices.SortedFunc(maps.Keys(r.ByService), process.ID.Compare) {
		v.Merge("byService["+id.String()+"]", r.ByService[id].Validate())
	}
	return v.Err()
}
