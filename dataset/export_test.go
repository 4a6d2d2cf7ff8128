package dataset

// SetMaxKeys sets how many keys of a parent column are held in memory, and
// returns a function that restores the limit.
func SetMaxKeys(n int) (restore func()) {
	old := maxKeys
	maxKeys = n
	return func() { maxKeys = old }
}
