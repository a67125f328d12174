package bodylog

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// freePort asks the system for a free port on loopback. Route ports are
// picked before the servers start because each server's routes name the
// others'.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startCluster runs three JetStream servers on loopback, routed to one
// another, each with its own store and fsync on every write (as a body's
// office runs), and waits (at most 20 s) until they have elected a meta
// leader and all are current. They are stopped when the test ends.
func startCluster(t *testing.T) []*server.Server {
	t.Helper()
	const n = 3
	ports := make([]int, n)
	for i := range ports {
		ports[i] = freePort(t)
	}
	servers := make([]*server.Server, n)
	for i := range n {
		var routes []string
		for j, p := range ports {
			if j != i {
				routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", p))
			}
		}
		opts := &server.Options{
			ServerName: fmt.Sprintf("office-%d", i),
			Host:       "127.0.0.1",
			Port:       server.RANDOM_PORT,
			JetStream:  true,
			StoreDir:   t.TempDir(),
			SyncAlways: true,
			NoLog:      true,
			NoSigs:     true,
			Cluster:    server.ClusterOpts{Name: "certdesk-test", Host: "127.0.0.1", Port: ports[i]},
			Routes:     server.RoutesFromStr(strings.Join(routes, ",")),
		}
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go s.Start()
		t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
		if !s.ReadyForConnections(10 * time.Second) {
			t.Fatalf("server %d took no connections within 10 s", i)
		}
		servers[i] = s
	}
	deadline := time.Now().Add(20 * time.Second)
	for !clusterReady(servers) {
		if time.Now().After(deadline) {
			t.Fatal("the cluster elected no JetStream meta leader within 20 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return servers
}

func clusterReady(servers []*server.Server) bool {
	leader := false
	for _, s := range servers {
		if !s.JetStreamIsCurrent() {
			return false
		}
		leader = leader || s.JetStreamIsLeader()
	}
	return leader
}

// openCluster opens the journal through the given servers (the first
// one's URL is tried first), retrying for at most 20 s while the cluster
// settles: a freshly elected meta leader may not yet place a stream of
// three replicas.
func openCluster(t *testing.T, ctx context.Context, servers ...*server.Server) *Log {
	t.Helper()
	var urls []string
	for _, s := range servers {
		urls = append(urls, s.ClientURL())
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		octx, cancel := context.WithTimeout(ctx, 5*time.Second)
		l, err := Open(octx, strings.Join(urls, ","), Config{Replicas: 3},
			nats.DontRandomize(), nats.ReconnectWait(100*time.Millisecond))
		cancel()
		if err == nil {
			t.Cleanup(l.Close)
			return l
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("opening the journal on the cluster: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
