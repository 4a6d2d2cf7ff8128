package incq

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"

	"github.com/incq/incq/dataset"
	"github.com/incq/incq/schema"
)

// openMemory loads the dataset into an in-memory database that every
// connection of the pool shares (SQLite's memdb VFS), kept alive by one
// connection of its own.
func openMemory(ctx context.Context, opts Options) (*DB, error) {
	var id [8]byte
	rand.Read(id[:])
	dsn := "file:/incq-" + hex.EncodeToString(id[:]) + "?vfs=memdb"
	// The key of what was loaded, hashed as it was read.
	schemaTee, dataTee := newTeeFS(opts.Schema), newTeeFS(opts.Dataset)
	opts.Schema, opts.Dataset = schemaTee, dataTee
	keep, err := build(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	key := keyOf(schemaTee.read(), dataTee.read())
	d, err := openPool(dsn)
	if err != nil {
		keep.Close()
		return nil, err
	}
	d.keep = keep
	d.key = key
	return d, nil
}

// build creates the schema in the database dsn names and loads the
// dataset into it in one transaction. It returns the database open on the
// one connection that built it.
func build(ctx context.Context, dsn string, opts Options) (_ *sql.DB, err error) {
	if err := registerFunctions(); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if opts.Loading != nil {
		opts.Loading()
	}
	if err := schema.Apply(ctx, conn, opts.Schema); err != nil {
		return nil, err
	}
	if _, err := dataset.Load(ctx, conn, opts.Dataset, dataset.LoadOptions{
		Name: opts.DatasetName, Progress: opts.Progress, MaxKeys: opts.Load.MaxKeys,
	}); err != nil {
		return nil, err
	}
	if err := schema.AfterLoad(ctx, conn); err != nil {
		return nil, err
	}
	if err := dataset.RecordTypes(ctx, conn); err != nil {
		return nil, err
	}
	return db, nil
}
