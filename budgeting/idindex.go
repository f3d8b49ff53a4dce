package budgeting

import (
	"encoding/binary"
	"math/bits"

	"github.com/smskit/iso20000/process"
)

// idIndex maps record IDs to small integers: an open-addressing hash table
// with linear probing, built once and read only after. It is faster than a
// Go map for 16-byte keys in the apportionment loop and allocates nothing on
// lookup.
type idIndex struct {
	slots []idSlot
	mask  uint64
	n     int
}

type idSlot struct {
	id   process.ID
	v    int32
	used bool
}

// newIDIndex returns an empty index sized for n IDs at most half full.
func newIDIndex(n int) idIndex {
	size := uint64(16)
	for size < uint64(2*n) {
		size <<= 1
	}
	return idIndex{slots: make([]idSlot, size), mask: size - 1}
}

// hashID mixes both halves of id (a UUID's random bits may sit in either).
func hashID(id process.ID) uint64 {
	h := binary.LittleEndian.Uint64(id[:8]) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(id[8:]), 29)
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// put adds id → v and reports false, changing nothing, if id is there.
func (x *idIndex) put(id process.ID, v int32) bool {
	for i := hashID(id) & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if !s.used {
			*s = idSlot{id: id, v: v, used: true}
			x.n++
			return true
		}
		if s.id == id {
			return false
		}
	}
}

// get returns the value of id and whether it is there.
func (x *idIndex) get(id process.ID) (int32, bool) {
	for i := hashID(id) & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if !s.used {
			return 0, false
		}
		if s.id == id {
			return s.v, true
		}
	}
}
