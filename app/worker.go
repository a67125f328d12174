package app

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"certdesk/certification"
)

// worker runs slow work off the UI goroutine. It is the one place where
// results come back to the UI goroutine (through fyne.Do).
type worker struct {
	ctx context.Context
	wg  sync.WaitGroup

	// hold (set by tests before any work starts) keeps results for drain
	// instead of handing them to fyne.Do: Fyne's test driver runs
	// fyne.Do's function at once on the calling goroutine, so results
	// would update widgets while the test goroutine does too.
	hold bool
	mu   sync.Mutex
	held []func()
}

func newWorker(ctx context.Context) *worker { return &worker{ctx: ctx} }

// Go runs work on its own goroutine. work must not touch widgets; it
// returns a function (or nil) that is then run on the UI goroutine to
// show the result, unless the worker's context has been cancelled by then.
func (w *worker) Go(work func(ctx context.Context) func()) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		apply := work(w.ctx)
		if apply == nil || w.ctx.Err() != nil {
			return
		}
		if w.hold {
			w.mu.Lock()
			w.held = append(w.held, apply)
			w.mu.Unlock()
			return
		}
		fyne.Do(func() {
			if w.ctx.Err() == nil {
				apply()
			}
		})
	}()
}

// wait blocks until every piece of work started with Go has returned.
// Call it after cancelling the context and never from the UI goroutine
// while Fyne still runs.
func (w *worker) wait() { w.wg.Wait() }

// drain (tests, with hold set) waits for the work in flight and runs the
// results on the calling goroutine, in the order the work finished, until
// no work is left: the calling goroutine plays the UI goroutine.
func (w *worker) drain() {
	for {
		w.wg.Wait()
		w.mu.Lock()
		held := w.held
		w.held = nil
		w.mu.Unlock()
		if len(held) == 0 {
			return
		}
		for _, apply := range held {
			if w.ctx.Err() == nil {
				apply()
			}
		}
	}
}

// ui runs fn on the UI goroutine (through fyne.Do; in tests, held for
// drain like any result). For progress from inside long work.
func (w *worker) ui(fn func()) {
	if w.hold {
		w.mu.Lock()
		w.held = append(w.held, fn)
		w.mu.Unlock()
		return
	}
	fyne.Do(fn)
}

// The background-work API of the screens. Reads are queries: they run
// off the UI goroutine and hand their result to the screen on the UI
// goroutine. Writes are commands: they run off the UI goroutine and, on
// success, reload the workspaces. Everything goes through the worker, so
// its ordering holds for both: results reach the UI goroutine one at a
// time, and none after the worker's context is cancelled (the folder
// closed or switched).

// query runs read off the UI goroutine and hands the result to show on
// the UI goroutine; a failure shows in a dialog ("Could not load " +
// what) and show is not called.
func query[T any](u *ui, what string, read func(ctx context.Context, svc *certification.Service) (T, error), show func(T)) {
	svc := u.svc()
	background(u, "load "+what, func(ctx context.Context) (T, error) { return read(ctx, svc) }, show)
}

// queryThen is query whose show always runs, with the error if any, so
// that a chain of reads goes on after a failure too.
func queryThen[T any](u *ui, read func(ctx context.Context, svc *certification.Service) (T, error), show func(T, error)) {
	svc := u.svc()
	backgroundThen(u.bg, func(ctx context.Context) (T, error) { return read(ctx, svc) }, show)
}

// backgroundThen runs work off the UI goroutine and hands its result,
// with the error if any, to done on the UI goroutine. work must not
// touch widgets.
func backgroundThen[T any](w *worker, work func(ctx context.Context) (T, error), done func(T, error)) {
	w.Go(func(ctx context.Context) func() {
		v, err := work(ctx)
		if ctx.Err() != nil {
			return nil
		}
		return func() { done(v, err) }
	})
}

// background is backgroundThen for work whose failure only needs
// showing: the error shows in a dialog ("Could not " + what) and done is
// not called.
func background[T any](u *ui, what string, work func(ctx context.Context) (T, error), done func(T)) {
	backgroundThen(u.bg, work, func(v T, err error) {
		if err != nil {
			u.showError(what, err)
			return
		}
		done(v)
	})
}

// transferJob runs work behind the progress dialog x (startTransfer):
// work off the UI goroutine, then on the UI goroutine the dialog closes
// and done gets the result; cancelled tells that the work failed because
// Cancel was tapped. work's ctx is the worker's; the transfer's own,
// which Cancel cancels, is x.ctx.
func transferJob[T any](u *ui, x *transfer, work func(ctx context.Context) (T, error), done func(v T, err error, cancelled bool)) {
	u.bg.Go(func(ctx context.Context) func() {
		v, err := work(ctx)
		cancelled := err != nil && x.ctx.Err() != nil
		return func() {
			u.finishTransfer(x)
			done(v, err, cancelled)
		}
	})
}

// A command is a write run off the UI goroutine (see ui.do).
type command struct {
	// what completes "Could not …" when the write fails.
	what string
	run  func(ctx context.Context, svc *certification.Service) error
	// On success, on the UI goroutine: before runs before the current
	// workspace reloads, so that the reload sees what it set (the month
	// to show, the item saved) and nothing of the UI runs after the
	// reload has started; done runs after the reload has started.
	before, done func()
	// failed runs on the UI goroutine after the failure has been shown.
	failed func()
	// actor refuses the write while nobody is chosen in Settings (the
	// register still being empty excepted); see actorMayChange.
	actor bool
}

// do runs a command: the write off the UI goroutine, then on the UI
// goroutine either the failure in a dialog or the reload and done.
func (u *ui) do(c command) {
	svc := u.svc()
	backgroundThen(u.bg, func(ctx context.Context) (struct{}, error) {
		if c.actor {
			if err := actorMayChange(ctx, svc); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, c.run(ctx, svc)
	}, func(_ struct{}, err error) {
		if err != nil {
			u.showError(c.what, err)
			if c.failed != nil {
				c.failed()
			}
			return
		}
		if c.before != nil {
			c.before()
		}
		u.changed()
		if c.done != nil {
			c.done()
		}
	})
}

// latestQuery is a query for a form that checks as the user types: it
// waits delay (the debounce), runs read only if no newer check has been
// asked for by then (gen still at g, the value the caller took with
// gen.Add(1)), and hands the result to show only if it is still the
// latest then.
func latestQuery[T any](u *ui, gen *atomic.Int64, g int64, delay time.Duration, read func(ctx context.Context, svc *certification.Service) (T, error), show func(T, error)) {
	svc := u.svc()
	u.bg.Go(func(ctx context.Context) func() {
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil
		}
		if gen.Load() != g {
			return nil
		}
		v, err := read(ctx, svc)
		return func() {
			if gen.Load() == g {
				show(v, err)
			}
		}
	})
}
