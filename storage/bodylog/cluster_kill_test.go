package bodylog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ack is an append the cluster acknowledged: its sequence, its payload,
// and when the desk heard of it.
type ack struct {
	seq  uint64
	data string
	at   time.Time
}

// acks collects the acknowledgements of all desks.
// failed counts the appends that ended in an error other than a
// refusal and were proposed again.
type acks struct {
	mu     sync.Mutex
	list   []ack
	failed int
}

func (a *acks) add(x ack) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.list = append(a.list, x)
	return len(a.list)
}

func (a *acks) fail() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.failed++
}

func (a *acks) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.list)
}

// attemptTimeout bounds one reading of the head and append. An append
// sent to a leader that is going away is answered by nobody, so this is
// most of how long a desk stalls when it dies: the cluster itself elects
// a new leader within about half a second here (measured with 500 ms).
const attemptTimeout = 2 * time.Second

// appendAll proposes desk d's entries "d:0", "d:1", … until each is
// acknowledged. A refusal (another desk appended first) sends it to the
// new head; any other error (a timeout while the cluster elects a stream
// leader, a connection being moved to another server) makes it wait a
// little and try again, at most maxFailures times in a row. The payload
// is also the message id, so an append whose acknowledgement was lost is
// not stored twice when it is proposed again.
func appendAll(ctx context.Context, l *Log, d, each int, got *acks) error {
	const maxFailures = 200
	failures := 0
	for k := 0; k < each; {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("desk %d at entry %d: %w", d, k, err)
		}
		data := fmt.Sprintf("%d:%d", d, k)
		actx, cancel := context.WithTimeout(ctx, attemptTimeout)
		head, err := l.Head(actx)
		var seq uint64
		if err == nil {
			seq, err = l.Append(actx, head, data, []byte(data))
		}
		cancel()
		switch {
		case err == nil:
			got.add(ack{seq: seq, data: data, at: time.Now()})
			k, failures = k+1, 0
		case errors.Is(err, ErrMoved):
			// Another desk got there first: propose again on the new head.
		default:
			got.fail()
			if failures++; failures > maxFailures {
				return fmt.Errorf("desk %d at entry %d: %d failures in a row, the last: %w", d, k, failures, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return nil
}

// Three desks append as fast as they can to a stream kept by a cluster of
// three servers; a third of the way through, the server leading the
// stream is shut down. The appends go on once the other two elect a new
// leader, and every acknowledged entry is in the journal at its sequence,
// once, with no gap.
func TestClusterSurvivesTheLossOfTheStreamLeader(t *testing.T) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	servers := startCluster(t)
	watch := openCluster(t, ctx, servers...)

	const desks, each = 3, 100
	var got acks
	var wg sync.WaitGroup
	errs := make(chan error, desks)
	for d := range desks {
		// Each desk starts on a different server, as desks of an office
		// spread over its servers would.
		l := openCluster(t, ctx, append(slices.Clone(servers[d:]), servers[:d]...)...)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := appendAll(ctx, l, d, each, &got); err != nil {
				errs <- err
			}
		}()
	}

	// Midway, shut the stream's leader down.
	for got.count() < desks*each/3 {
		if ctx.Err() != nil {
			t.Fatalf("only %d appends acknowledged before the deadline", got.count())
		}
		time.Sleep(5 * time.Millisecond)
	}
	info, err := watch.stream.Info(ctx)
	if err != nil || info.Cluster == nil {
		t.Fatalf("the stream's leader: %v (cluster info %v)", err, info)
	}
	var leader *server.Server
	var survivors []*server.Server
	for _, s := range servers {
		if s.Name() == info.Cluster.Leader {
			leader = s
		} else {
			survivors = append(survivors, s)
		}
	}
	if leader == nil || len(survivors) != 2 {
		t.Fatalf("the stream's leader %q is none of the servers", info.Cluster.Leader)
	}
	killed := time.Now()
	leader.Shutdown()
	leader.WaitForShutdown()
	before := got.count()

	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	after := openCluster(t, ctx, survivors...)
	checkJournal(t, ctx, after, got.list, desks*each)
	newInfo, err := after.stream.Info(ctx)
	if err != nil || newInfo.Cluster == nil || newInfo.Cluster.Leader == leader.Name() {
		t.Fatalf("the stream's leader after the kill: %v (cluster info %v)", err, newInfo)
	}
	t.Logf("%d appends, %d before %s (the stream's leader) was shut down, then led by %s; appends stopped for %v; %d attempts failed and were retried; test ran %v",
		len(got.list), before, leader.Name(), newInfo.Cluster.Leader, interruption(got.list, killed), got.failed, time.Since(start).Round(time.Millisecond))
}

// checkJournal reads the whole journal and checks that it runs from 1 to
// its head without a gap (readAll refuses a skip), that it holds want
// entries, none twice, and that every acknowledged append is there at its
// sequence with its payload.
func checkJournal(t *testing.T, ctx context.Context, l *Log, acked []ack, want int) {
	t.Helper()
	entries := readAll(t, ctx, l, 1)
	head, err := l.Head(ctx)
	if err != nil || head != uint64(len(entries)) {
		t.Fatalf("head %d (%v), %d entries read", head, err, len(entries))
	}
	seen := make(map[string]int, len(entries))
	for i, e := range entries {
		if j, ok := seen[string(e)]; ok {
			t.Errorf("entry %q is at %d and at %d", e, j+1, i+1)
		}
		seen[string(e)] = i
	}
	for _, a := range acked {
		if a.seq == 0 || a.seq > uint64(len(entries)) || string(entries[a.seq-1]) != a.data {
			t.Errorf("acknowledged %q at %d, not in the journal there", a.data, a.seq)
		}
	}
	if len(entries) != want || len(acked) != want {
		t.Errorf("%d entries in the journal, %d acknowledged, want %d", len(entries), len(acked), want)
	}
}

// interruption is how long no append was acknowledged around the kill:
// the longest stretch between two acknowledgements from the last one
// before the kill on (the kill may take a moment to be felt: appends in
// flight on the old leader are acknowledged while it shuts down).
func interruption(acked []ack, killed time.Time) time.Duration {
	times := make([]time.Time, 0, len(acked))
	for _, a := range acked {
		times = append(times, a.at)
	}
	slices.SortFunc(times, time.Time.Compare)
	i, _ := slices.BinarySearchFunc(times, killed, time.Time.Compare)
	var longest time.Duration
	for i = max(i, 1); i < len(times); i++ {
		longest = max(longest, times[i].Sub(times[i-1]))
	}
	return longest.Round(time.Millisecond)
}
