package storage_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
)

// A file kept in a desk's batch (certification.FileKeeper) is handed
// back only while it is the file LoadFile would read: in the next batch
// if nothing else was committed in between, not after another writer's
// commit, a batch that was discarded, or a write to one of its records;
// a write to another certification's record leaves it kept.
func TestKeptFilesAreOnlyEverCurrent(t *testing.T) {
	ctx := context.Background()
	db, _ := demoAndEmpty(t, 7)
	cert, other := twoCertificationsWithFindings(t, ctx, db)
	dec := storage.NewDecoded()
	batch := func(fn func(k certification.FileKeeper, tx certification.Tx) error) error {
		return db.ApplyBatch(ctx, dec, func(b *storage.Batch) error {
			e := certification.JournalEntry{Command: "test", Summary: "kept files"}
			return b.Applying(storage.Apply{}).Update(ctx, e, func(tx certification.Tx) error {
				return fn(tx.(certification.FileKeeper), tx)
			})
		})
	}
	keep := func(k certification.FileKeeper, tx certification.Tx) error {
		f, err := certification.LoadFile(tx, cert)
		if err == nil {
			k.KeepFile(f)
		}
		return err
	}
	kept := func(want bool, when string) func(k certification.FileKeeper, tx certification.Tx) error {
		return func(k certification.FileKeeper, tx certification.Tx) error {
			f, ok := k.TakeFile(cert)
			if ok != want {
				t.Fatalf("%s: a file is kept: %v, want %v", when, ok, want)
			}
			if !ok {
				return nil
			}
			read, err := certification.LoadFile(tx, cert)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(f, read) {
				t.Fatalf("%s: the kept file is not the one LoadFile reads", when)
			}
			return nil
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	changeFinding := func(tx certification.Tx, cert certification.ID) error {
		ids, err := tx.Lookup(certification.IndexFindingByCert, certification.U64(uint64(cert)))
		if err != nil {
			return err
		}
		var x certification.Finding
		if err := tx.Get(ids[0], &x); err != nil {
			return err
		}
		x.Evidence += " (seen again)"
		return tx.Put(&x)
	}

	must(batch(keep))
	must(batch(kept(true, "the next batch")))
	must(batch(keep))
	must(db.Update(ctx, certification.JournalEntry{Command: "test", Summary: "another writer"}, func(tx certification.Tx) error {
		return changeFinding(tx, cert)
	}))
	must(batch(kept(false, "after another writer's commit")))

	must(batch(func(k certification.FileKeeper, tx certification.Tx) error {
		must(keep(k, tx))
		must(changeFinding(tx, other))
		must(kept(true, "after a write to another certification")(k, tx))
		must(keep(k, tx))
		must(changeFinding(tx, cert))
		return kept(false, "after a write to one of its findings")(k, tx)
	}))

	spoiled := errors.New("spoiled")
	if err := batch(func(k certification.FileKeeper, tx certification.Tx) error {
		must(keep(k, tx))
		return spoiled
	}); !errors.Is(err, spoiled) {
		t.Fatal(err)
	}
	must(batch(kept(false, "after a discarded batch")))
}

// twoCertificationsWithFindings returns two certifications of db that
// have findings.
func twoCertificationsWithFindings(t *testing.T, ctx context.Context, db *storage.DB) (a, b certification.ID) {
	t.Helper()
	err := db.View(ctx, func(tx certification.Tx) error {
		return certification.EachRecord(ctx, tx, certification.KindFinding, func(x *certification.Finding) {
			switch {
			case a == 0:
				a = x.CertificationID
			case b == 0 && x.CertificationID != a:
				b = x.CertificationID
			}
		})
	})
	if err != nil || b == 0 {
		t.Fatalf("two certifications with findings: %d, %d (%v)", a, b, err)
	}
	return a, b
}
