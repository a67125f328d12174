package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
)

// openDesk opens a new data folder as a desk of the body at url.
func openDesk(t *testing.T, ctx context.Context, url string) (*desk.Desk, *storage.DB) {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, url, bodylog.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d, db
}

// findingTexts counts an audit's findings by their evidence text.
func findingTexts(t *testing.T, ctx context.Context, db *storage.DB, audit certification.ID) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := db.View(ctx, func(tx certification.Tx) error {
		ids, err := tx.Lookup(certification.IndexFindingByAudit, certification.U64(uint64(audit)))
		for _, id := range ids {
			var f certification.Finding
			if err := tx.Get(id, &f); err != nil {
				return err
			}
			out[f.Evidence]++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// proposalLog is what one desk's proposals came to: the findings it was
// told were saved (and when), those refused, and why.
type proposalLog struct {
	acked, failed []string
	ackTimes      []time.Time
	refusals      []refusal
}

// refusal is one failed proposal: when it ended and how long it took.
type refusal struct {
	at   time.Time
	took time.Duration
	err  string
}

func (l *proposalLog) record(text string, start time.Time, err error) {
	if err == nil {
		l.acked, l.ackTimes = append(l.acked, text), append(l.ackTimes, time.Now())
		return
	}
	l.failed = append(l.failed, text)
	l.refusals = append(l.refusals, refusal{time.Now(), time.Since(start), err.Error()})
}

// report logs how long the desk could not append around the kill, and
// the errors its refused proposals gave.
func (l *proposalLog) report(t *testing.T, n int, killedAt, restartedAt time.Time) {
	t.Helper()
	var before, after time.Time
	for _, at := range l.ackTimes {
		if at.Before(killedAt) {
			before = at
		} else if after.IsZero() {
			after = at
		}
	}
	ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	switch {
	case before.IsZero() && after.IsZero():
		t.Logf("desk %d: %d acknowledged, %d refused; none acknowledged", n, len(l.acked), len(l.failed))
	case before.IsZero():
		t.Logf("desk %d: %d acknowledged, %d refused; none before the kill (the other desks won every race for the journal's head), first %v after it (%v after the restart)",
			n, len(l.acked), len(l.failed), ms(after.Sub(killedAt)), ms(after.Sub(restartedAt)))
	case after.IsZero():
		t.Logf("desk %d: %d acknowledged, %d refused; all before the kill, the last %v before it", n, len(l.acked), len(l.failed), ms(killedAt.Sub(before)))
	default:
		t.Logf("desk %d: %d acknowledged, %d refused; last append %v before the kill, next %v after it (%v after the restart): no append for %v",
			n, len(l.acked), len(l.failed), ms(killedAt.Sub(before)), ms(after.Sub(killedAt)), ms(after.Sub(restartedAt)), ms(after.Sub(before)))
	}
	for i, r := range l.refusals {
		if i == 4 {
			t.Logf("desk %d: … %d more refusals", n, len(l.refusals)-4)
			break
		}
		t.Logf("desk %d: refused %v after the kill, after %v: %s", n, ms(r.at.Sub(killedAt)), ms(r.took), r.err)
	}
}
