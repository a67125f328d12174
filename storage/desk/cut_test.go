package desk_test

import (
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// cable stands between a desk and its office on 127.0.0.1 so that a test
// can cut the desk's network and mend it: cut closes every connection
// and refuses new ones; mend listens again on the same port.
type cable struct {
	t      testing.TB
	office string // host:port
	addr   string // the cable's own host:port

	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
}

// newCable connects to the office at url (nats://host:port) and returns
// the cable; URL is the address a desk dials instead.
func newCable(t testing.TB, url string) *cable {
	t.Helper()
	c := &cable{t: t, office: strings.TrimPrefix(url, "nats://")}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.addr = ln.Addr().String()
	c.serve(ln)
	t.Cleanup(c.cut)
	return c
}

func (c *cable) URL() string { return "nats://" + c.addr }

func (c *cable) serve(ln net.Listener) {
	c.mu.Lock()
	c.ln = ln
	c.mu.Unlock()
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return // cut
			}
			out, err := net.Dial("tcp", c.office)
			if err != nil {
				in.Close()
				continue
			}
			c.mu.Lock()
			c.conns = append(c.conns, in, out)
			c.mu.Unlock()
			go func() { io.Copy(out, in); out.Close() }()
			go func() { io.Copy(in, out); in.Close() }()
		}
	}()
}

// cut closes the listener and every connection through the cable.
func (c *cable) cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ln != nil {
		c.ln.Close()
		c.ln = nil
	}
	for _, conn := range c.conns {
		conn.Close()
	}
	c.conns = nil
}

// mend listens on the cable's port again (within 5 s).
func (c *cable) mend() {
	c.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ln, err := net.Listen("tcp", c.addr)
		if err == nil {
			c.serve(ln)
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("listening on %s again: %v", c.addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitFor polls cond every 20 ms for at most 15 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 15 s for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
