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

// ruleSlot is a rule as the apportionment loop reads it, in one 64-byte
// cache line: its ID, its first trace slot (the count; targets follow) and
// number of targets packed in bk (base<<3 | k), and for a rule of at most
// five targets whose weights total less than 2^32, the weights, their total
// and the target services. wt == 0 marks any other rule, which takes the
// general path. An empty slot has the zero ID.
type ruleSlot struct {
	id process.ID
	wt uint32
	bk int32
	w  [5]uint32
	t  [5]int32
}

// base returns the rule's first trace slot.
func (s *ruleSlot) base() int { return int(s.bk >> 3) }

// k returns the number of targets of a fast rule.
func (s *ruleSlot) k() int { return int(s.bk & 7) }

// ruleTable maps rule IDs to their slots: open addressing with linear
// probing, at most 5/8 full, built once and read only after.
type ruleTable struct {
	slots []ruleSlot
	mask  uint64
}

func newRuleTable(n int) ruleTable {
	size := uint64(16)
	for size*5 < uint64(8*n) {
		size <<= 1
	}
	return ruleTable{slots: make([]ruleSlot, size), mask: size - 1}
}

// put adds a rule with first trace slot base and compiled form cr; the ID
// is new (NewApportioner checked).
func (x *ruleTable) put(id process.ID, base int32, cr *crule) {
	s := ruleSlot{id: id, bk: base << 3}
	if cr.bw == nil && len(cr.targets) <= len(s.w) && cr.wt < 1<<32 {
		s.wt = uint32(cr.wt)
		s.bk |= int32(len(cr.targets))
		for j := range cr.targets {
			s.w[j], s.t[j] = uint32(cr.w[j]), cr.targets[j]
		}
	}
	i := hashID(id) & x.mask
	for x.slots[i].id != (process.ID{}) {
		i = (i + 1) & x.mask
	}
	x.slots[i] = s
}

// get returns the index of the slot of id, and whether it is there.
func (x *ruleTable) get(id process.ID) (int32, bool) {
	for i := hashID(id) & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if s.id == id {
			return int32(i), true
		}
		if s.id == (process.ID{}) {
			return 0, false
		}
	}
}
