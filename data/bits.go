package data

// A bit set keeps a small set of enum values (a recording's tags, a goal's
// pathway-plan areas) in one INTEGER column, so the set needs no join table
// and the schema's CHECK can bound it. The bit of each value is stored on
// disk: never renumber one, only add new ones (and widen the CHECK by a
// migration).

// packBits packs values into a bit set; nil (stored as NULL) when empty.
func packBits[T comparable](values []T, bits map[T]uint) any {
	var mask int64
	for _, v := range values {
		mask |= 1 << bits[v]
	}
	if mask == 0 {
		return nil
	}
	return mask
}

// unpackBits lists the values set in mask, in the order of all.
func unpackBits[T comparable](mask int64, all []T, bits map[T]uint) []T {
	var out []T
	for _, v := range all {
		if mask&(1<<bits[v]) != 0 {
			out = append(out, v)
		}
	}
	return out
}
