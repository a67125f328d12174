package bodylog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"certdesk/storage/office"
)

// startOffice runs an office on loopback, on a free port, in a folder of
// the test's; it is stopped when the test ends.
func startOffice(t testing.TB, dir string) *office.Office {
	t.Helper()
	o, err := office.Start(office.Options{Dir: dir, Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(o.Close)
	return o
}

func open(t testing.TB, ctx context.Context, url string) *Log {
	t.Helper()
	l, err := Open(ctx, url, Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	return l
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// readAll reads the whole journal.
func readAll(t *testing.T, ctx context.Context, l *Log, from uint64) [][]byte {
	t.Helper()
	var out [][]byte
	want := from
	err := l.Read(ctx, from, func(seq uint64, data []byte) error {
		if seq != want {
			return fmt.Errorf("entry %d came where %d was due", seq, want)
		}
		want++
		out = append(out, bytes.Clone(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAppendThenRead(t *testing.T) {
	ctx := testCtx(t)
	l := open(t, ctx, startOffice(t, t.TempDir()).URL())
	for i := range 50 {
		seq, err := l.Append(ctx, uint64(i), "", fmt.Appendf(nil, "entry %d", i+1))
		if err != nil || seq != uint64(i+1) {
			t.Fatalf("append %d: seq %d, %v", i+1, seq, err)
		}
	}
	got := readAll(t, ctx, l, 1)
	if len(got) != 50 || string(got[0]) != "entry 1" || string(got[49]) != "entry 50" {
		t.Fatalf("read %d entries: first %q", len(got), got[0])
	}
	if tail := readAll(t, ctx, l, 41); len(tail) != 10 || string(tail[0]) != "entry 41" {
		t.Fatalf("read from 41: %d entries, first %q", len(tail), tail[0])
	}
	if none := readAll(t, ctx, l, 51); len(none) != 0 {
		t.Fatalf("read past the head: %d entries", len(none))
	}
}

// Two desks on the same head: the second append is refused and nothing
// of it is stored; on the new head it goes through.
func TestAppendOnAStaleHeadIsRefused(t *testing.T) {
	ctx := testCtx(t)
	url := startOffice(t, t.TempDir()).URL()
	a, b := open(t, ctx, url), open(t, ctx, url)
	if _, err := a.Append(ctx, 0, "", []byte("a1")); err != nil {
		t.Fatal(err)
	}
	_, err := b.Append(ctx, 0, "", []byte("b1"))
	var moved *MovedError
	if !errors.As(err, &moved) || !errors.Is(err, ErrMoved) || moved.Expected != 0 {
		t.Fatalf("append on a stale head: %v, want a MovedError expecting 0", err)
	}
	if h, err := b.Head(ctx); err != nil || h != 1 {
		t.Fatalf("head after the refusal: %d, %v", h, err)
	}
	if seq, err := b.Append(ctx, 1, "", []byte("b1")); err != nil || seq != 2 {
		t.Fatalf("append on the new head: %d, %v", seq, err)
	}
	if got := readAll(t, ctx, a, 1); len(got) != 2 || string(got[0]) != "a1" || string(got[1]) != "b1" {
		t.Fatalf("journal %q", got)
	}
}

// Three desks append as fast as they can, each catching up and proposing
// again when another got there first: every entry is in the journal once,
// each desk's in the order it proposed them.
func TestThreeDesksConverge(t *testing.T) {
	ctx := testCtx(t)
	url := startOffice(t, t.TempDir()).URL()
	const desks, each = 3, 60
	var wg sync.WaitGroup
	errs := make(chan error, desks)
	for d := range desks {
		l := open(t, ctx, url)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < each; {
				head, err := l.Head(ctx)
				if err != nil {
					errs <- err
					return
				}
				_, err = l.Append(ctx, head, "", fmt.Appendf(nil, "%d:%d", d, k))
				switch {
				case err == nil:
					k++
				case errors.Is(err, ErrMoved):
					// Another desk got there first: propose again on the new head.
				default:
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got := readAll(t, ctx, open(t, ctx, url), 1)
	if len(got) != desks*each {
		t.Fatalf("%d entries, want %d", len(got), desks*each)
	}
	next := make([]int, desks)
	for i, e := range got {
		var d, k int
		if _, err := fmt.Sscanf(string(e), "%d:%d", &d, &k); err != nil || d < 0 || d >= desks {
			t.Fatalf("entry %d is %q", i+1, e)
		}
		if k != next[d] {
			t.Fatalf("entry %d is desk %d's #%d, want #%d (lost, doubled or out of order)", i+1, d, k, next[d])
		}
		next[d]++
	}
}

// What the office acknowledged is still there after it restarts on its
// folder.
func TestOfficeRestartKeepsTheJournal(t *testing.T) {
	ctx := testCtx(t)
	dir := t.TempDir()
	o, err := office.Start(office.Options{Dir: dir, Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	l, err := Open(ctx, o.URL(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		if _, err := l.Append(ctx, uint64(i), "", fmt.Appendf(nil, "entry %d", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	o.Close()

	l2 := open(t, ctx, startOffice(t, dir).URL())
	got := readAll(t, ctx, l2, 1)
	if len(got) != 100 || string(got[99]) != "entry 100" {
		t.Fatalf("after the restart: %d entries", len(got))
	}
}

// The journal is the body's record: the stream refuses deleting an entry
// or purging it.
func TestJournalRefusesDeletion(t *testing.T) {
	ctx := testCtx(t)
	l := open(t, ctx, startOffice(t, t.TempDir()).URL())
	if _, err := l.Append(ctx, 0, "", []byte("grant")); err != nil {
		t.Fatal(err)
	}
	if err := l.stream.DeleteMsg(ctx, 1); err == nil {
		t.Error("an entry of the journal was deleted")
	}
	if err := l.stream.Purge(ctx); err == nil {
		t.Error("the journal was purged")
	}
	if got := readAll(t, ctx, l, 1); len(got) != 1 {
		t.Fatalf("%d entries left", len(got))
	}
}

func TestOfficeListensOnLoopbackOnly(t *testing.T) {
	_, err := office.Start(office.Options{Dir: t.TempDir(), Host: "192.0.2.1", Port: -1})
	if !errors.Is(err, office.ErrNotLoopback) {
		t.Fatalf("an office on 192.0.2.1 (refused before it listens): %v, want ErrNotLoopback", err)
	}
}

// Reading leaves no consumer behind: a desk reads the journal thousands
// of times a day, and the server limits how many a stream may have.
func TestReadLeavesNoConsumer(t *testing.T) {
	ctx := testCtx(t)
	l := open(t, ctx, startOffice(t, t.TempDir()).URL())
	if _, err := l.Append(ctx, 0, "", []byte("e")); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		readAll(t, ctx, l, 1)
	}
	info, err := l.stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Consumers != 0 {
		t.Fatalf("%d consumers left after 20 reads", info.State.Consumers)
	}
}
