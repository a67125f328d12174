package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// DB is a CertDesk store on Badger. It is safe for concurrent use.
type DB struct {
	bdb *badger.DB
	dir string // "" in memory
	key Key    // the unlocked key of an encrypted folder; zero otherwise

	now      func() time.Time // the machine's clock, for Recorded (tests set it)
	readOnly bool             // opened with Options.ReadOnly: Update refuses
	memory   bool             // OpenMemory: no value log (blob.go keeps chunks small)
	refusal  error            // why a read-only store is read-only, when not asked (ReadOnlyIfFull)
	// finishedReindex is the interrupted rebuild of the index entries
	// that opening finished (reindex.go), or nil.
	finishedReindex *ReindexReport
	need            uint64 // free disk space each write needs (0: unchecked)

	stop      chan struct{} // closed by Close to stop the GC goroutine
	gcDone    chan struct{} // closed when the GC goroutine has returned
	closeOnce sync.Once
	closeErr  error
}

var _ certification.Store = (*DB)(nil)

// ErrInUse is matched (errors.Is) by the error Open returns when another
// CertDesk window or certctl command has the data folder open.
var ErrInUse = errors.New("the CertDesk data folder is in use")

// ErrNoStore is OpenWith's refusal, with Options.Existing, of a folder
// that does not exist or holds no CertDesk data.
var ErrNoStore = errors.New("there is no CertDesk data")

type inUseError struct {
	dir   string
	cause error
}

func (e *inUseError) Error() string {
	return fmt.Sprintf("the CertDesk data folder %s is in use by another CertDesk window or certctl command: close it and try again", e.dir)
}

func (e *inUseError) Is(target error) bool { return target == ErrInUse }
func (e *inUseError) Unwrap() error        { return e.cause }

// maxAttempts bounds how often Update runs fn when transactions conflict.
const maxAttempts = 5

// gcInterval is how often the value log is garbage-collected.
var gcInterval = 5 * time.Minute

// options sizes Badger for a desktop app rather than a server (see
// ENGINEERING.md): a small store then stays small on disk. Tables of
// 512 KB (Badger's default is 2 MB) keep a compaction's table builders,
// which hold their tables in memory, small: writing the 10,000-client
// demo peaked at 1.33 GB resident with 2 MB tables, 0.97 GB with 512 KB,
// and took less CPU.
func options(dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithMemTableSize(8 << 20). // Open refuses below about 7 MB
		WithBaseTableSize(512 << 10).
		WithNumMemtables(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(4).
		WithValueLogFileSize(16 << 20).
		WithBlockCacheSize(8 << 20).
		WithIndexCacheSize(8 << 20).
		WithNumCompactors(2).
		WithLoggingLevel(badger.WARNING)
}

// Open opens (creating it if needed) the store in dir. Writes are synced
// to disk before Update returns. If another process or DB has dir open,
// the error matches ErrInUse; if dir is encrypted, ErrEncrypted (use
// OpenWith and its passphrase).
func Open(dir string) (*DB, error) { return OpenWith(dir, Options{}) }

// OpenBulk opens the store in dir for a bulk load (demo data, an import
// into an empty folder): transactions are not synced one by one, which
// makes many small commands about a hundred times faster. Close syncs
// everything to disk; a crash before Close can lose the load, so use it
// only where the load is all-or-nothing anyway.
func OpenBulk(dir string) (*DB, error) { return OpenWith(dir, Options{Bulk: true}) }

// Options say how OpenWith opens a data folder.
type Options struct {
	// Passphrase opens an encrypted folder (crypt.go). It is not needed,
	// and not used, for a folder that is not encrypted.
	Passphrase []byte
	// Bulk opens it for a bulk load (see OpenBulk).
	Bulk bool
	// Desk opens it as a desk of a body with an office (storage/desk,
	// docs/sync.md): a transaction is not fsynced when it commits, since
	// every change it holds is in the body's journal, which the office
	// fsynced before the desk wrote it; after a power cut the desk
	// applies again, from the journal, what its folder lost.
	Desk bool
	// ReadOnly opens it for reading only: nothing is written to the
	// folder, not even a lock file, so a full disk does not stop a body
	// reading, checking or exporting its records, and several readers may
	// share a folder (a writer may not join them). Update refuses. A
	// folder that holds no store yet is opened for writing all the same
	// (made if need be), unless Existing is set.
	ReadOnly bool
	// Existing opens only a folder that holds a store already: one that
	// does not exist, or holds none, is refused with ErrNoStore and left
	// as it was (certctl's reading commands: a reading never makes a
	// data folder).
	Existing bool
	// ReadOnlyIfFull opens the folder read-only when the disk is too
	// full to open it for writing (ErrDiskFull), instead of failing:
	// WriteRefusal then says why, and Update refuses with that reason.
	// The app uses it so that a full disk never locks a body out of its
	// records.
	ReadOnlyIfFull bool
}

// OpenWith opens (creating it if needed) the store in dir. An encrypted
// folder needs its passphrase: without one the error matches
// ErrEncrypted, with a wrong one ErrWrongPassphrase, and in both cases
// nothing in dir has been opened or changed. A new folder is created
// without encryption: see Encrypt.
func OpenWith(dir string, o Options) (*DB, error) {
	if dir == "" {
		return nil, errors.New("storage: no data folder given")
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if err := recoverSwap(dir); err != nil {
		return nil, err
	}
	if err := checkDataFolder(dir); err != nil {
		return nil, err
	}
	if o.Existing && !hasStore(dir) {
		return nil, fmt.Errorf("%w in %s", ErrNoStore, dir)
	}
	var key Key
	encrypted, err := IsEncrypted(dir)
	if err != nil {
		return nil, fmt.Errorf("opening the CertDesk data folder %s: %w", dir, err)
	}
	if encrypted {
		if o.Passphrase == nil {
			return nil, needPassphrase(dir)
		}
		if key, err = unlock(dir, o.Passphrase); err != nil {
			return nil, err
		}
	}
	if o.ReadOnly && hasStore(dir) {
		return openReadOnly(dir, key)
	}
	bopts := writable(dir, !o.Bulk && !o.Desk, key)
	need := spaceNeeded(bopts)
	if err := checkSpace(dir, need); err != nil {
		if !o.ReadOnlyIfFull || !hasStore(dir) {
			return nil, err
		}
		db, rerr := openReadOnly(dir, key)
		if rerr != nil {
			return nil, err
		}
		db.refusal = err
		return db, nil
	}
	if err := removeEmptyLogs(dir); err != nil {
		return nil, err
	}
	db, err := open(dir, bopts, key)
	if err != nil {
		return nil, err
	}
	db.need = need
	return db, nil
}

// hasStore reports whether dir holds a store (Badger's MANIFEST).
func hasStore(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "MANIFEST"))
	return err == nil
}

// openReadOnly opens the store in dir with Badger's ReadOnly, which takes
// a shared lock and creates no file.
//
// After a crash (a kill, a power cut) the last writes are in Badger's
// write-ahead log, a preallocated .mem file that only a writable open
// replays and trims: a read-only one refuses it (ErrTruncateNeeded,
// badger memtable.go UpdateSkipList). So the folder is opened for
// writing once, which replays the log and on closing flushes it, and
// then read. The same for the empty log files a kill during an open can
// leave (emptylogs.go).
func openReadOnly(dir string, key Key) (*DB, error) {
	ro := options(dir).WithReadOnly(true).WithEncryptionKey(key.master)
	if len(emptyLogs(dir)) > 0 { // badger#2207 (emptylogs.go): a read-only open fails on them
		if err := replayLog(dir, key); err != nil {
			return nil, err
		}
	}
	db, err := open(dir, ro, key)
	// Badger wraps the error as text (y.Wrapf without %w outside its
	// debug mode): errors.Is cannot see it.
	if err == nil || !strings.Contains(err.Error(), badger.ErrTruncateNeeded.Error()) {
		return db, err
	}
	if err := replayLog(dir, key); err != nil {
		return nil, err
	}
	return open(dir, ro, key)
}

// replayLog opens the store in dir for writing and closes it: Badger
// replays what a crash left in its write-ahead log.
func replayLog(dir string, key Key) error {
	bopts := writable(dir, true, key)
	if err := checkSpace(dir, spaceNeeded(bopts)); err != nil {
		return fmt.Errorf("the CertDesk data folder %s was not closed (a crash or a kill), and its last writes must be replayed before it can be read, which needs free space: %w", dir, err)
	}
	if err := removeEmptyLogs(dir); err != nil {
		return err
	}
	// Badger alone: no schema upgrade or anything else of start(), which
	// a folder opened for reading must not get.
	bdb, err := badger.Open(bopts)
	if err != nil {
		if isLockError(err) {
			return &inUseError{dir: dir, cause: err}
		}
		return fmt.Errorf("replaying the last writes of the CertDesk data folder %s: %w", dir, err)
	}
	return bdb.Close()
}

// writable is the options of a store opened for writing.
func writable(dir string, syncWrites bool, key Key) badger.Options {
	return options(dir).WithSyncWrites(syncWrites).WithEncryptionKey(key.master)
}

// open opens Badger with opts and starts the value-log GC, except on a
// read-only store (GC rewrites files).
func open(dir string, opts badger.Options, key Key) (*DB, error) {
	bdb, err := badger.Open(opts)
	if err != nil {
		if isLockError(err) {
			return nil, &inUseError{dir: dir, cause: err}
		}
		if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
			if key.master == nil {
				return nil, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the CertDesk data folder %s is encrypted but its key file %s is missing: put the key file back, or restore a backup", dir, KeyFileName)}
			}
			return nil, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the key file %s does not belong to the data folder %s: put its own key file back, or restore a backup", KeyFileName, dir)}
		}
		return nil, fmt.Errorf("opening the CertDesk data folder %s: %w", dir, err)
	}
	db, err := start(bdb, dir, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	db.key = key
	if opts.ReadOnly {
		close(db.gcDone)
	} else {
		go db.gcLoop(gcInterval)
	}
	return db, nil
}

// checkDataFolder refuses to start a store in a folder that holds other
// files and no store: a folder chosen by mistake (Documents, a project)
// would get Badger's files mixed into it, and encrypting it would replace
// it whole.
func checkDataFolder(dir string) error {
	if hasStore(dir) {
		return nil
	}
	foreign, err := foreignFiles(dir)
	if err != nil || len(foreign) == 0 {
		return err
	}
	return fmt.Errorf("%s is not a CertDesk data folder: it holds other files (%s) and no CertDesk data; choose an empty folder, a new one, or a CertDesk data folder", dir, listSome(foreign, 3))
}

// Encrypted reports whether the store is an encrypted data folder.
func (db *DB) Encrypted() bool { return db.key.master != nil }

// OpenMemory opens an empty store that lives in memory only.
func OpenMemory() (*DB, error) {
	bdb, err := badger.Open(options("").WithInMemory(true))
	if err != nil {
		return nil, fmt.Errorf("opening an in-memory store: %w", err)
	}
	db, err := start(bdb, "", false)
	if err != nil {
		return nil, err
	}
	close(db.gcDone) // no GC in memory: Badger refuses it
	db.memory = true
	return db, nil
}

func start(bdb *badger.DB, dir string, readOnly bool) (*DB, error) {
	db := &DB{bdb: bdb, dir: dir, now: time.Now, readOnly: readOnly, stop: make(chan struct{}), gcDone: make(chan struct{})}
	if err := db.checkSchema(); err != nil {
		bdb.Close()
		return nil, err
	}
	if err := db.finishReindex(); err != nil {
		bdb.Close()
		return nil, err
	}
	// The standards the body added are known from the moment it opens.
	if err := db.View(context.Background(), certification.UseBodyStandards); err != nil {
		bdb.Close()
		return nil, err
	}
	return db, nil
}

// isLockError recognises Badger's directory lock failure (Unix: flock;
// Windows: the lock file). Badger returns it as text only.
func isLockError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot acquire directory lock") ||
		strings.Contains(msg, "Another process is using this Badger database")
}

// Close stops the value-log GC and closes the store. Calling it again
// returns the first result.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		close(db.stop)
		<-db.gcDone
		var syncErr error
		if db.dir != "" && !db.readOnly {
			syncErr = db.bdb.Sync() // a bulk load is durable once Close returns
		}
		db.closeErr = errors.Join(syncErr, db.bdb.Close())
	})
	return db.closeErr
}

// WriteRefusal is why the store was opened for reading only although
// changes were wanted (Options.ReadOnlyIfFull: the disk is full), or nil.
func (db *DB) WriteRefusal() error { return db.refusal }

// Dir returns the data folder, or "" for an in-memory store.
func (db *DB) Dir() string { return db.dir }

// gcLoop reclaims value-log space every interval until Close.
func (db *DB) gcLoop(interval time.Duration) {
	defer close(db.gcDone)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-db.stop:
			return
		case <-tick.C:
		}
		// Each successful run rewrites one file; go on until there is
		// nothing worth rewriting (ErrNoRewrite) or Close is called.
		for db.bdb.RunValueLogGC(0.5) == nil {
			select {
			case <-db.stop:
				return
			default:
			}
		}
	}
}

// View runs fn in a read-only snapshot.
func (db *DB) View(ctx context.Context, fn func(certification.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return db.bdb.View(func(txn *badger.Txn) error {
		return fn(&tx{txn: txn})
	})
}

// Update runs fn in one read-write transaction and appends entry to the
// journal in it, with Seq and Changes filled in (and At, if zero). If fn
// returns an error nothing is written and that error is returned as is.
// On a conflict with a concurrent transaction fn is run again from
// scratch, up to maxAttempts times in all.
func (db *DB) Update(ctx context.Context, entry certification.JournalEntry, fn func(certification.Tx) error) error {
	return db.update(ctx, entry, fn, nil)
}

// update is Update, with the hooks of a store that applies the body's
// journal (apply.go) when h is not nil.
func (db *DB) update(ctx context.Context, entry certification.JournalEntry, fn func(certification.Tx) error, h *applyHooks) error {
	if db.readOnly {
		if db.refusal != nil {
			return fmt.Errorf("%w; CertDesk opened the folder for reading only, so nothing was changed: free space, then open the folder again", db.refusal)
		}
		return fmt.Errorf("the CertDesk data folder %s is open for reading only: nothing was changed; close it and open it again to make changes", db.dir)
	}
	if db.need > 0 {
		if err := checkSpace(db.dir, db.need); err != nil {
			return err
		}
	}
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var fnErr error
		err := db.bdb.Update(func(txn *badger.Txn) error {
			t := &tx{txn: txn, writable: true, now: db.now, memory: db.memory, apply: h}
			if fnErr = fn(t); fnErr != nil {
				return fnErr
			}
			return t.writeJournal(entry)
		})
		switch {
		case fnErr != nil:
			return fnErr
		case err == nil:
			return nil
		case errors.Is(err, badger.ErrConflict) && attempt < maxAttempts:
			continue
		case errors.Is(err, badger.ErrConflict):
			return fmt.Errorf("storage: the change was not saved: other changes to the same records kept getting in the way (%d attempts); try again", attempt)
		}
		if errors.Is(err, syscall.ENOSPC) {
			free, _ := freeSpace(db.dir)
			return &DiskFullError{Dir: db.dir, Free: free, Need: db.need}
		}
		return tooLarge(err)
	}
}

// Journal calls fn for each journal entry with Seq >= from, in order.
// ErrStop from fn ends the walk with nil.
func (db *DB) Journal(ctx context.Context, from uint64, fn func(certification.JournalEntry) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return db.bdb.View(func(txn *badger.Txn) error {
		prefix := []byte(journalPrefix)
		it := prefixIterator(txn, prefix)
		defer it.Close()
		for it.Seek(journalKey(from)); it.ValidForPrefix(prefix); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var e certification.JournalEntry
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &e) }); err != nil {
				return fmt.Errorf("storage: decoding journal entry %d: %w", idOf(it.Item().Key()), err)
			}
			err := fn(e)
			if errors.Is(err, certification.ErrStop) {
				return nil
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// Empty reports whether the store holds no clients and no people; the GUI
// then offers demo data.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	empty := true
	err := db.View(ctx, func(t certification.Tx) error {
		txn := t.(*tx).txn
		empty = !anyKey(txn, kindPrefix(certification.KindClient)) && !anyKey(txn, kindPrefix(certification.KindPerson))
		return nil
	})
	return empty, err
}

// where names the store in messages.
func (db *DB) where() string {
	if db.dir == "" {
		return "the in-memory store"
	}
	return "the CertDesk data folder " + db.dir
}

// Clear deletes every record, index entry and journal entry, leaving an
// empty store of the current schema in the same folder. Only Badger's own
// data is touched: nothing else in the folder is. It takes back a load
// (demo data) into a folder that was empty.
func (db *DB) Clear() error {
	if err := db.bdb.DropAll(); err != nil {
		return fmt.Errorf("clearing %s: %w", db.where(), err)
	}
	return db.checkSchema()
}
