package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"certdesk/storage"
)

// reportedError ends a verb that has already printed its report (on
// stdout, JSON included): fail prints only the message, on stderr, and
// exits with code.
type reportedError struct {
	code int
	msg  string
}

func (e *reportedError) Error() string { return e.msg }

// textListed bounds each list in verify's text output.
const textListed = 50

// verify runs certctl verify: the journal's hash chain and every record
// against it (docs/integrity.md).
type verifyCmd struct {
	Indexes bool  `help:"also check every index entry against the records"`
	Anchor  multi `placeholder:"SEQ:HASH" help:"an entry noted earlier (repeatable): it must still be in the journal with that hash"`
}

func (verifyCmd) Help() string {
	return `Checks that the data folder was changed only through CertDesk (docs/integrity.md):
walks the journal's hash chain, recomputing every entry's hash and its link
to the entry before, then compares every record with the hash its last
journal change recorded. Names the first journal entry that does not match
and every record changed, added or deleted outside CertDesk; --indexes also
checks the index entries (derived from the records). --anchor SEQ:HASH (the
last entry printed by an earlier verify, 16 or more hex digits) checks that
the journal was not rewritten up to that entry. Exit 0 when everything
matches, 1 when something does not.`
}

func (c *verifyCmd) Run(e *env) error {
	var anchors []storage.ChainLink
	for _, a := range c.Anchor {
		link, err := parseAnchor(a)
		if err != nil {
			return err
		}
		anchors = append(anchors, link)
	}
	if err := e.openAsIs(); err != nil {
		return err
	}
	start := time.Now()
	rep, err := e.db.Verify(e.ctx, storage.VerifyOptions{Indexes: c.Indexes, Anchors: anchors, Progress: e.progress("verifying", "journal entries and records")})
	e.progressDone()
	if err != nil {
		return err
	}
	took := time.Since(start)

	if e.json {
		if err := e.writeJSON(map[string]any{"data": e.dir, "ok": rep.OK(), "indexes_checked": c.Indexes, "seconds": roundSec(took), "report": rep}); err != nil {
			return err
		}
	} else {
		e.printVerify(rep, c.Indexes, took)
	}
	if rep.OK() {
		return nil
	}
	var what []string
	if p := rep.FirstBroken(); p != nil {
		what = append(what, fmt.Sprintf("the first entry that does not match is entry %d", p.Seq))
	}
	if n := rep.RecordProblemsTotal; n > 0 {
		what = append(what, plural(n, "record does", "records do")+" not match the journal")
	}
	if n := rep.IndexProblemsTotal; n > 0 {
		what = append(what, plural(n, "index entry is", "index entries are")+" missing or left over")
	}
	return &reportedError{code: exitRule, msg: "verify: " + e.dir + " does not match its journal: " + strings.Join(what, "; ")}
}

func (e *env) printVerify(rep *storage.VerifyReport, indexes bool, took time.Duration) {
	e.printf("Checked %s in %s:\n", e.dir, took.Round(time.Millisecond))
	e.printf("  %s", plural(rep.Entries, "journal entry", "journal entries"))
	if rep.Sealed > 0 {
		e.printf(" (%d sealed when the folder was upgraded to the hash chain)", rep.Sealed)
	}
	if rep.Signed > 0 {
		e.printf(" (%d signed by the person who acted)", rep.Signed)
	}
	e.printf(", %s", plural(rep.Records, "record", "records"))
	if indexes {
		e.printf(", %s", plural(rep.IndexEntries, "index entry", "index entries"))
	}
	e.printf("\n")
	if rep.Head != nil {
		e.printf("  last entry: %d, hash %s\n", rep.Head.Seq, rep.Head.Hash)
	}
	if rep.OK() {
		e.printf("Everything matches the journal.\n")
		if rep.Head != nil {
			e.printf("Note the last entry down (or keep this output): 'certctl verify --anchor %d:%s' later proves that nothing up to it was rewritten.\n",
				rep.Head.Seq, rep.Head.Hash[:min(16, len(rep.Head.Hash))])
		}
		return
	}
	if p := rep.FirstBroken(); p != nil {
		e.printf("\nFirst journal entry that does not match: %d\n  %s\n", p.Seq, p.Problem)
		if more := rep.BrokenEntries[1:]; len(more) > 0 {
			e.printf("Later entries that do not match either (%d):\n", rep.BrokenEntriesTotal-1)
			listProblems(e, more, rep.BrokenEntriesTotal-1, func(p storage.EntryProblem) string { return fmt.Sprintf("%d: %s", p.Seq, p.Problem) })
		}
	}
	if len(rep.RecordProblems) > 0 {
		e.printf("\nRecords that do not match the journal (%d):\n", rep.RecordProblemsTotal)
		listProblems(e, rep.RecordProblems, rep.RecordProblemsTotal, func(p storage.RecordProblem) string {
			return fmt.Sprintf("%s %d: %s", p.Kind, p.ID, p.Problem)
		})
	}
	if len(rep.IndexProblems) > 0 {
		e.printf("\nIndex entries that do not match the records (%d):\n", rep.IndexProblemsTotal)
		listProblems(e, rep.IndexProblems, rep.IndexProblemsTotal, func(p storage.IndexProblem) string {
			return fmt.Sprintf("%s %s → %d: %s", p.Index, p.Value, p.ID, p.Problem)
		})
	}
}

// listProblems prints a line for each of ps up to textListed, then how
// many of total it left out.
func listProblems[P any](e *env, ps []P, total int, line func(P) string) {
	for i, p := range ps {
		if i == textListed {
			e.printf("  … and %d more (--json lists them)\n", total-textListed)
			return
		}
		e.printf("  %s\n", line(p))
	}
}

// parseAnchor reads SEQ:HASH.
func parseAnchor(s string) (storage.ChainLink, error) {
	seq, hash, ok := strings.Cut(s, ":")
	n, err := strconv.ParseUint(seq, 10, 64)
	if !ok || err != nil || n == 0 {
		return storage.ChainLink{}, inputf("--anchor %q: give SEQ:HASH, e.g. 1234:9f86d081884c7d65 (from an earlier 'certctl verify')", s)
	}
	hash = strings.ToLower(strings.TrimSpace(hash))
	if len(hash) < 16 || len(hash) > 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return storage.ChainLink{}, inputf("--anchor %q: the hash must be 16 to 64 hex digits", s)
	}
	return storage.ChainLink{Seq: n, Hash: hash}, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
