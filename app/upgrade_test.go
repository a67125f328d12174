package app

import "testing"

// Opening a folder finishes a recomputation of the obligations left
// pending (by an interrupted policy change, or marked after an upgrade):
// the mark is gone and every set is what the rules give now.
func TestOpeningFinishesThePendingRecomputation(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	svc := h.svc()
	if err := svc.MarkRefresh(h.ctx, "test: as an upgrade leaves it"); err != nil {
		t.Fatal(err)
	}
	if pending, err := svc.RefreshPending(h.ctx); err != nil || !pending {
		t.Fatalf("no recomputation pending after the mark: %v, %v", pending, err)
	}
	h.u.finishRecompute()
	h.settle()
	if pending, err := svc.RefreshPending(h.ctx); err != nil || pending {
		t.Fatalf("the recomputation is still pending after opening: %v, %v", pending, err)
	}
	entries, err := svc.Journal(h.ctx, 0, 0)
	b.ok(err)
	if last := entries[len(entries)-1]; last.Command != "refresh-obligations" || last.Actor.Name != "system" {
		t.Errorf("the journal ends with %s by %s, want the system's recomputation", last.Command, last.Actor.Name)
	}
}
