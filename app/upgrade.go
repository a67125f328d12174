package app

import (
	"context"

	"certdesk/certification"
)

// finishRecompute does, in the background, what opening a folder for
// changes may leave to do with the obligations: mark the recomputation an
// upgrade asked for (certification.MarkRecomputeAfterUpgrade) and finish
// any recomputation pending, an interrupted policy change's included
// (FinishRefresh), as certctl does when it opens a folder. On a desk it
// runs once the desk has joined its office, so that the commands go
// through the body's journal. The screens reload when it has run.
func (u *ui) finishRecompute() {
	svc, st := u.svc(), u.store
	backgroundThen(u.bg, func(ctx context.Context) (bool, error) {
		if _, err := certification.MarkRecomputeAfterUpgrade(ctx, svc, st); err != nil {
			return false, err
		}
		pending, err := svc.RefreshPending(ctx)
		if err != nil || !pending {
			return false, err
		}
		return true, svc.FinishRefresh(ctx)
	}, func(done bool, err error) {
		if err != nil {
			u.showError("recompute the obligations", err)
			return
		}
		if done {
			u.changed()
		}
	})
}
