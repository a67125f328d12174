package storage

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
)

// crashBefore is a store that stops taking writes at the n-th command
// named command, as a process killed there would.
type crashBefore struct {
	*DB
	command string
	n       int
}

var errKilled = errors.New("killed")

// demoDay is the demo body's today.
type demoDay struct{}

func (demoDay) Now() time.Time { return time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC) }

func (c *crashBefore) Update(ctx context.Context, e certification.JournalEntry, fn func(certification.Tx) error) error {
	if e.Command == c.command {
		if c.n--; c.n <= 0 {
			return errKilled
		}
	}
	return c.DB.Update(ctx, e, fn)
}

// A policy change interrupted after its first chunk of recomputation
// leaves the policy saved with a Refresh mark; verify --indexes names the
// mark and the stale obligations; finishing the mark gives a clean
// schedule.
func TestPolicyChangeInterrupted(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t, 120)
	var certs int
	mustView(t, db, func(tx certification.Tx) (err error) {
		certs, err = tx.Count(certification.KindCertification)
		return err
	})
	if certs <= 100 {
		t.Fatalf("%d certifications: the test needs more than one chunk of 100", certs)
	}
	clock := demoDay{}
	p, err := certification.NewService(db, clock).Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.SurveillanceWindowMonths++
	crashing := certification.NewService(&crashBefore{DB: db, command: "refresh-obligations", n: 2}, clock)
	if err := crashing.SetPolicy(ctx, p); !errors.Is(err, errKilled) {
		t.Fatalf("the policy change was not stopped after its first chunk: %v", err)
	}

	svc := certification.NewService(db, clock)
	if pending, err := svc.RefreshPending(ctx); err != nil || !pending {
		t.Fatalf("after the interruption: pending %v (%v), want the mark", pending, err)
	}
	rep := mustVerify(t, db, VerifyOptions{Indexes: true})
	var mark, stale int
	for _, ip := range rep.IndexProblems {
		switch {
		case ip.Index != obligationsIndex:
			t.Errorf("an index problem besides the obligations: %+v", ip)
		case strings.Contains(ip.Problem, "recomputation of the obligations (policy changed) is unfinished after certification"):
			mark++
		case strings.Contains(ip.Problem, "the schedule is stale"):
			stale++
			if ip.ID <= 100 {
				t.Errorf("certification %d was in the finished chunk but is reported stale", ip.ID)
			}
		default:
			t.Errorf("unexpected problem %+v", ip)
		}
	}
	t.Logf("%d certifications, %d with stale obligations after the interruption", certs, stale)
	if mark != 1 || stale == 0 {
		t.Errorf("verify --indexes named the mark %d times and %d stale obligation sets; want the mark once and some stale sets", mark, stale)
	}

	if err := svc.FinishRefresh(ctx); err != nil {
		t.Fatal(err)
	}
	if pending, err := svc.RefreshPending(ctx); err != nil || pending {
		t.Errorf("after finishing: pending %v (%v), want none", pending, err)
	}
	verifyClean(t, db)
}
