package render

import "sort"

// columnWidths shares the width out among the columns. Each column gets
// its natural width if all fit. Otherwise each gets at least its floor:
// the width of its header and of its widest value up to shortWidth (so
// numbers, short codes and short words keep whole), its whole width for a
// column of numbers, and the width of its longest word if every column can
// have that. The room left goes first to columns that lack little of their
// natural width, then to the others in proportion to what each lacks. fits is false when the floors alone are wider than
// the table may be; the widths returned are then the floors.
// codeWidth is the widest column of single words kept whole: a column
// whose every value is one word (an id, a code, a query's name) of at most
// this width is never split.
const codeWidth = 32

// longWord is the longest word kept whole in a table too wide for its
// width; longer ones are broken.
const longWord = 40

func (t *tableWriter) columnWidths() (widths []int, fits bool) {
	n := len(t.cols)
	avail := t.opts.Width - (3*n + 1) // a border and a space each side
	floor := make([]int, n)
	total, least := 0, 0
	for i, nat := range t.natural {
		floor[i] = max(textWidth(t.cols[i]), min(nat, shortWidth))
		if !t.phrases[i] && nat <= codeWidth {
			floor[i] = nat // a column of single words (ids, codes, names of queries) is never split
		}
		if t.number[i] {
			floor[i] = nat
		}
		total += nat
		least += floor[i]
	}
	if total <= avail {
		return t.natural, true
	}
	if least > avail {
		// Short values cannot all stay on one line: let them wrap at
		// spaces, keeping headers and words whole, before giving up the
		// horizontal layout. Long text keeps its floor: squeezed below it,
		// a record per row reads better.
		least = 0
		for i := range floor {
			if !t.number[i] && t.natural[i] <= shortWidth {
				floor[i] = max(textWidth(t.cols[i]), t.word[i])
			}
			least += floor[i]
		}
	}
	// Keep long words whole too, if there is room for all of them.
	words := make([]int, n)
	wordsTotal := 0
	for i := range words {
		words[i] = max(floor[i], min(t.word[i], t.natural[i]))
		wordsTotal += words[i]
	}
	if least > avail {
		// Too wide whatever is done (the record layout, unless it is
		// turned off): do not break words of a moderate length either.
		for i := range words {
			words[i] = max(floor[i], min(t.word[i], t.natural[i], longWord))
		}
		return words, false
	}
	if wordsTotal <= avail {
		floor = words
	}
	// Columns that lack little of their natural width get it all, as long
	// as each takes no more than an even share of the room left; the rest
	// is shared in proportion to what each column lacks, and the odd
	// columns go to those that lack the most.
	widths = append([]int(nil), floor...)
	left := avail
	for _, w := range floor {
		left -= w
	}
	order := make([]int, 0, n)
	for i := range widths {
		if widths[i] < t.natural[i] {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		return t.natural[order[a]]-floor[order[a]] < t.natural[order[b]]-floor[order[b]]
	})
	for len(order) > 0 {
		i := order[0]
		if lack := t.natural[i] - widths[i]; lack*len(order) <= left {
			widths[i] = t.natural[i]
			left -= lack
			order = order[1:]
			continue
		}
		break
	}
	lack := 0
	for _, i := range order {
		lack += t.natural[i] - widths[i]
	}
	given := 0
	for _, i := range order {
		share := left * (t.natural[i] - widths[i]) / lack
		widths[i] += share
		given += share
	}
	for ; given < left; given++ {
		most := order[0]
		for _, i := range order {
			if t.natural[i]-widths[i] > t.natural[most]-widths[most] {
				most = i
			}
		}
		widths[most]++
	}
	return widths, true
}

// recordWidths returns the widths of the names and of the values in the
// record layout: the values take the rest of the width, and at least
// their floor.
func (t *tableWriter) recordWidths() []int {
	names, values := 0, 0
	for i, c := range t.cols {
		names = max(names, textWidth(c))
		values = max(values, t.values[i])
	}
	values = max(min(values, shortWidth), min(values, t.opts.Width-names-7))
	return []int{names, values}
}
