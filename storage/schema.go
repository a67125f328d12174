package storage

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// currentSchema is the key layout version this code writes and reads. It
// is a variable only so that tests can pretend to be a newer version.
var currentSchema uint32 = 7

// migrations[v] moves a store from schema v to v+1; it runs in one
// transaction together with the bump of meta/schema.
var migrations = map[uint32]func(txn *badger.Txn) error{
	// Schema 6 also asks for every obligation to be recomputed: folders
	// of schema 5 may hold obligations computed before the ISO 9001 and
	// ISO/IEC 27001 catalogues listed every sub-clause and control.
	5: func(txn *badger.Txn) error {
		return txn.Set([]byte(recomputeKey), []byte("the ISO 9001 and ISO/IEC 27001 catalogues now list every sub-clause and Annex A control"))
	},
}

// bulkMigrations[v] move a store from schema v to v+1 with work that may
// not fit one transaction; they run in chunks before the bump and must be
// idempotent (a crash before the bump runs them again).
var bulkMigrations = map[uint32]func(db *DB) error{
	// Schema 2 indexes each audit by team member and month (double
	// bookings are read through it).
	1: func(db *DB) error { return db.rebuildKinds(certification.KindAudit) },
	// Schema 3 makes the journal a hash chain (chain.go).
	2: (*DB).chainJournal,
	// Schema 4 indexes each person by role (who the administrators are:
	// certification/access.go).
	3: func(db *DB) error { return db.rebuildKinds(certification.KindPerson) },
	// Schema 5 indexes each certificate revision by expiry and each of
	// its suspensions by the day it ends, and files each obligation as a
	// covering key (the dashboard's lists and the schedule:
	// certification/certificate_index.go, schedule_index.go).
	4: func(db *DB) error {
		return db.rebuildKinds(certification.KindCertificate, certification.KindObligations)
	},
	// Schema 6 files the covering obligation keys by due date first, so
	// that the schedule reads only those due by its horizon, no longer
	// files open obligations by due and lapse date (the schedule found
	// its certifications through those before), and keeps the decision
	// queue as covering keys: the keys of schema 5 are dropped and the
	// obligation sets' index entries written again. DropPrefix leaves no
	// tombstones behind, which the schedule's range would otherwise step
	// over until a compaction (the old keys sort before every new one).
	5: func(db *DB) error {
		err := db.bdb.DropPrefix(indexPrefixOf(certification.IndexObligationItem),
			indexPrefixOf(schema5Due), indexPrefixOf(schema5DueLapsing), indexPrefixOf(schema5Lapse))
		if err != nil {
			return err
		}
		return db.rebuildKinds(certification.KindObligations)
	},
	// Schema 7 keeps the read models of the lists as covering keys: the
	// clients list (certification/client_row.go), the audits of the
	// programme and the audit picker (certification/audit_row.go) and the
	// Certificates workspace's register (certification/certificate_row.go);
	// and the obligations the schedule and the decision queue read from
	// their covering keys are written in a compact binary form instead of
	// JSON (certification/obligation_codec.go): those keys are dropped
	// and written again.
	6: func(db *DB) error {
		if err := db.bdb.DropPrefix(indexPrefixOf(certification.IndexObligationItem), indexPrefixOf(certification.IndexDecisionReady)); err != nil {
			return err
		}
		return db.rebuildKinds(certification.KindClient, certification.KindCertification, certification.KindObligations,
			certification.KindAudit, certification.KindCertificate)
	},
}

// The indexes of schema 5 that schema 6 drops.
const (
	schema5Due        = "obligation.due"
	schema5DueLapsing = "obligation.due-lapsing"
	schema5Lapse      = "obligation.lapse"
)

// checkSchema writes the schema version into a new store, migrates an
// older one, and refuses one written by a newer CertDesk.
func (db *DB) checkSchema() error {
	var (
		version uint32
		found   bool
	)
	err := db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(schemaKey))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		return item.Value(func(v []byte) error {
			if len(v) != 4 {
				return fmt.Errorf("the schema marker holds %d bytes, want 4", len(v))
			}
			version = binary.BigEndian.Uint32(v)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("reading the schema version of %s: %w", db.where(), err)
	}
	if version > currentSchema {
		return fmt.Errorf("%s was written by a newer CertDesk (schema %d); this version reads up to %d: update CertDesk to open it",
			db.where(), version, currentSchema)
	}
	if db.readOnly {
		if found && version < currentSchema {
			return fmt.Errorf("%s was written by an older CertDesk (schema %d): open it once for changes (the app, or a certctl command that changes records) so that it is upgraded, then read it again",
				db.where(), version)
		}
		return nil
	}
	if !found {
		return db.bdb.Update(func(txn *badger.Txn) error { return setSchema(txn, currentSchema) })
	}
	for ; version < currentSchema; version++ {
		if bulk, ok := bulkMigrations[version]; ok {
			if err := bulk(db); err != nil {
				return fmt.Errorf("upgrading %s from schema %d to %d: %w", db.where(), version, version+1, err)
			}
		}
		migrate, ok := migrations[version]
		if !ok && bulkMigrations[version] == nil {
			return fmt.Errorf("%s has schema %d and this CertDesk has no migration from it", db.where(), version)
		}
		if migrate == nil {
			migrate = func(*badger.Txn) error { return nil }
		}
		err := db.bdb.Update(func(txn *badger.Txn) error {
			if err := migrate(txn); err != nil {
				return err
			}
			return setSchema(txn, version+1)
		})
		if err != nil {
			return fmt.Errorf("upgrading %s from schema %d to %d: %w", db.where(), version, version+1, err)
		}
	}
	return nil
}

func setSchema(txn *badger.Txn, v uint32) error {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, v)
	return txn.Set([]byte(schemaKey), b)
}
