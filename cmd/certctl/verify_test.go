package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	// The tests play someone who changes the data folder with Badger
	// itself, behind CertDesk's back: the one place outside storage/
	// that opens it.
	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// behindTheBack changes the data folder with Badger directly.
func behindTheBack(t *testing.T, dir string, fn func(txn *badger.Txn) error) {
	t.Helper()
	bdb, err := badger.Open(badger.DefaultOptions(dir).WithLoggingLevel(badger.WARNING))
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// replaceIn replaces old by new once in the value at key.
func replaceIn(key []byte, old, new string) func(txn *badger.Txn) error {
	return func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		w := bytes.Replace(v, []byte(old), []byte(new), 1)
		if bytes.Equal(v, w) {
			return fmt.Errorf("%q not in %s", old, v)
		}
		return txn.Set(key, w)
	}
}

// Key layout: storage/doc.go.
func recordKey(kind certification.Kind, id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte("r/"+string(kind)+"/"), id)
}

func journalKey(seq uint64) []byte { return binary.BigEndian.AppendUint64([]byte("j/"), seq) }

type verifyJSON struct {
	OK     bool
	Report struct {
		Entries, Records int
		Head             struct {
			Seq  uint64
			Hash string
		}
		BrokenEntries []struct {
			Seq     uint64
			Problem string
		} `json:"broken_entries"`
		RecordProblems []struct {
			Kind    string
			ID      int
			Entry   uint64
			Problem string
		} `json:"record_problems"`
	}
}

func TestVerify(t *testing.T) {
	dir := walkedFolder(t, grantedWalkThrough)
	var jr struct{ Entries []certification.JournalEntry }
	decodeJSON(t, ok(t, dir, "journal", "--json"), &jr)
	n := len(jr.Entries)
	last := jr.Entries[n-1]
	if last.Command != "decide" || last.Actor.Name != "Lena Lead" || last.Hash == "" || last.Prev != jr.Entries[n-2].Hash {
		t.Fatalf("the decision's journal entry: %+v", last)
	}

	// A clean folder: exit 0, the last entry named for an anchor.
	out := ok(t, dir, "verify")
	for _, want := range []string{"Everything matches the journal.", fmt.Sprintf("last entry: %d, hash %s", n, last.Hash)} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}
	var v verifyJSON
	decodeJSON(t, ok(t, dir, "verify", "--indexes", "--json", "--anchor", fmt.Sprintf("%d:%s", n, last.Hash[:16])), &v)
	if !v.OK || v.Report.Entries != n || v.Report.Records == 0 || v.Report.Head.Hash != last.Hash {
		t.Errorf("verify --json = %+v", v)
	}
	fails(t, dir, 2, "--anchor \"7\": give SEQ:HASH", "verify", "--anchor", "7")
	fails(t, dir, 2, "16 to 64 hex digits", "verify", "--anchor", "7:abc")

	// The decision's snapshot altered in Badger: exit 1 naming the record.
	behindTheBack(t, dir, replaceIn(recordKey(certification.KindDecision, 1), `"status":"verified"`, `"status":"open"`))
	r := fails(t, dir, 1, "does not match its journal: 1 record does not match the journal", "verify")
	want := fmt.Sprintf("decision 1: changed outside CertDesk after journal entry %d", n)
	if !strings.Contains(r.stdout, want) || strings.Contains(r.stdout, "First journal entry") {
		t.Errorf("verify after the snapshot changed:\n%s\nwant %q", r.stdout, want)
	}

	// A journal entry altered as well: named as the first broken entry,
	// in one JSON document on stdout.
	behindTheBack(t, dir, replaceIn(journalKey(3), `"summary":"`, `"summary":"(edited) `))
	r = fails(t, dir, 1, "the first entry that does not match is entry 3", "verify", "--json")
	v = verifyJSON{}
	decodeJSON(t, r.stdout, &v)
	if v.OK || len(v.Report.BrokenEntries) != 1 || v.Report.BrokenEntries[0].Seq != 3 ||
		len(v.Report.RecordProblems) != 1 || v.Report.RecordProblems[0].Kind != "decision" || v.Report.RecordProblems[0].Entry != uint64(n) {
		t.Errorf("verify --json after tampering = %+v", v)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc["error"] != nil {
		t.Errorf("stdout is not one report: %v\n%s", err, r.stdout)
	}
	r = fails(t, dir, 1, "entry 3", "verify")
	if !strings.Contains(r.stdout, "First journal entry that does not match: 3\n  entry 3 was altered outside CertDesk") {
		t.Errorf("verify text after tampering:\n%s", r.stdout)
	}
}
