package dataset

import (
	"encoding/binary"
	"hash/maphash"
)

// keySet is a set of strings packed for size: the bytes of every key in one
// arena, and an open-addressed table of their offsets. It holds no
// pointers, so the garbage collector never scans it, and it costs about
// 20 bytes a key where a map[string]struct{} costs 50 or more.
type keySet struct {
	seed  maphash.Seed
	arena []byte   // each key as its length (uvarint) and its bytes
	slots []uint64 // 0 when empty, else hash<<32 | offset+1
	n     int
	max   int
}

// maxArena is the most key bytes a keySet holds: offsets are 32 bits.
const maxArena = 1<<32 - 2

// newKeySet returns an empty set that holds up to max keys.
func newKeySet(max int) *keySet {
	return &keySet{seed: maphash.MakeSeed(), slots: make([]uint64, 16), max: max}
}

// Len returns the number of keys; a nil set is empty.
func (s *keySet) Len() int {
	if s == nil {
		return 0
	}
	return s.n
}

// Add adds k. It reports false, adding nothing, when the set is full.
func (s *keySet) Add(k string) bool {
	h := maphash.String(s.seed, k)
	i, found := s.find(k, h)
	if found {
		return true
	}
	if s.n >= s.max || len(s.arena)+len(k)+binary.MaxVarintLen64 > maxArena {
		return false
	}
	off := len(s.arena)
	s.arena = binary.AppendUvarint(s.arena, uint64(len(k)))
	s.arena = append(s.arena, k...)
	s.slots[i] = h>>32<<32 | uint64(off+1)
	s.n++
	if s.n*4 >= len(s.slots)*3 {
		s.grow()
	}
	return true
}

// Has reports whether k is in the set; a nil set is empty.
func (s *keySet) Has(k string) bool {
	if s == nil {
		return false
	}
	_, found := s.find(k, maphash.String(s.seed, k))
	return found
}

// find returns the slot holding k, or the empty slot where it belongs.
func (s *keySet) find(k string, h uint64) (int, bool) {
	mask := len(s.slots) - 1
	tag := h >> 32
	for i := int(h) & mask; ; i = (i + 1) & mask {
		v := s.slots[i]
		if v == 0 {
			return i, false
		}
		if v>>32 == tag && string(s.key(v)) == k {
			return i, true
		}
	}
}

// key returns the bytes of the key a slot points at.
func (s *keySet) key(slot uint64) []byte {
	off := int(uint32(slot)) - 1
	n, w := binary.Uvarint(s.arena[off:])
	return s.arena[off+w : off+w+int(n)]
}

func (s *keySet) grow() {
	old := s.slots
	s.slots = make([]uint64, len(old)*2)
	mask := len(s.slots) - 1
	for _, v := range old {
		if v == 0 {
			continue
		}
		h := maphash.Bytes(s.seed, s.key(v))
		i := int(h) & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = v
	}
}

// Keys calls f for each key, in the order added.
func (s *keySet) Keys(f func(string)) {
	if s == nil {
		return
	}
	for off := 0; off < len(s.arena); {
		n, w := binary.Uvarint(s.arena[off:])
		f(string(s.arena[off+w : off+w+int(n)]))
		off += w + int(n)
	}
}
