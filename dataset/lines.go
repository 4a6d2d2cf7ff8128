package dataset

import "sort"

// lineMap remembers the CSV line of each row of a table by rowid: rows get
// rowids 1, 2, 3... in the order inserted. Lines mostly follow one another,
// so it keeps only the runs of consecutive lines.
type lineMap struct {
	runs []lineRun
	n    int64 // rows added
}

// lineRun says that rowid, rowid+1, ... came from line, line+1, ...
type lineRun struct {
	rowid int64
	line  int
}

// add records the line of the next rowid.
func (m *lineMap) add(line int) {
	m.n++
	if k := len(m.runs); k > 0 {
		last := m.runs[k-1]
		if int64(line-last.line) == m.n-last.rowid {
			return
		}
	}
	m.runs = append(m.runs, lineRun{rowid: m.n, line: line})
}

// line returns the line of rowid, or 0 when it has none.
func (m *lineMap) line(rowid int64) int {
	if rowid < 1 || rowid > m.n {
		return 0
	}
	i := sort.Search(len(m.runs), func(i int) bool { return m.runs[i].rowid > rowid }) - 1
	r := m.runs[i]
	return r.line + int(rowid-r.rowid)
}
