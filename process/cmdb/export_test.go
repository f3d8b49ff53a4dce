package cmdb

// CSR exposes the compressed rows of the impact graph to the benchmarks'
// floor: downstream (u's failure affects dst) or upstream.
func (x *Index) CSR(d Direction) (off, dst []int32) {
	if d == Upstream {
		return x.rev.off, x.rev.dst
	}
	return x.fwd.off, x.fwd.dst
}
