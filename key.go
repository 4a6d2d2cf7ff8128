package incq

// Key returns the content key of the loaded schema and dataset: a hash of
// every schema and dataset file, their names and bytes (the key the cache
// files its databases under). Two DBs with the same key hold the same
// data, so a chart or an export can name the dataset it came from.
func (d *DB) Key() string { return d.key }

// ShortKey returns the first 12 characters of Key, for a source line.
func (d *DB) ShortKey() string {
	if len(d.key) > 12 {
		return d.key[:12]
	}
	return d.key
}
